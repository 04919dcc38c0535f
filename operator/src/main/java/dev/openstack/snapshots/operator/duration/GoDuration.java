package dev.openstack.snapshots.operator.duration;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one duration grammar of the operator, for its settings (RESYNC_INTERVAL=1h30m) and for specs
 * (retention.keepFor: 1h30m): Go-style, like Kubernetes' own durations, as one or more whole numbers each followed by
 * a unit {@code h}, {@code m}, {@code s} or {@code ms} ({@code 168h}, {@code 1h30m}, {@code 90s}, {@code 500ms}).
 * No fractions, no signs, no days: a day is not always 24 hours. The CRD schema checks the same grammar without
 * {@code ms} ({@link #WHOLE_SECONDS_PATTERN}): a retention is never shorter than a second, and the schema's grammar
 * is part of the API.
 */
public final class GoDuration {

    /** The CRD pattern of duration fields: the grammar without {@code ms}, in the common subset of RE2 and Java. */
    public static final String WHOLE_SECONDS_PATTERN = "^([0-9]{1,9}[hms])+$";

    /** {@code ms} before {@code m}: "500ms" is five hundred milliseconds, never 500 minutes and a stray "s". */
    private static final Pattern WHOLE = Pattern.compile("([0-9]{1,9}(ms|h|m|s))+");
    private static final Pattern PART = Pattern.compile("([0-9]{1,9})(ms|h|m|s)");

    private GoDuration() {
    }

    /**
     * The duration, longer than zero.
     *
     * @throws IllegalArgumentException whose message quotes {@code text} and shows the accepted form; the caller
     *     prefixes the setting or field it came from
     */
    public static Duration parse(String text) {
        if (text == null || !WHOLE.matcher(text).matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a duration: use whole numbers with the units h, m,"
                    + " s or ms, such as 168h, 1h30m, 90s or 500ms");
        }
        Duration total = Duration.ZERO;
        Matcher part = PART.matcher(text);
        while (part.find()) {
            long amount = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2)) {
                case "h" -> Duration.ofHours(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "s" -> Duration.ofSeconds(amount);
                default -> Duration.ofMillis(amount);
            });
        }
        if (total.isZero()) {
            throw new IllegalArgumentException("\"" + text + "\" must be longer than zero");
        }
        return total;
    }
}
