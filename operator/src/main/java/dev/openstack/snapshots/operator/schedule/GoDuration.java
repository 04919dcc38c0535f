package dev.openstack.snapshots.operator.schedule;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads retention.keepFor: a Go-style duration of whole hours, minutes and seconds (168h, 90m, 1h30m). */
public final class GoDuration {

    private static final Pattern WHOLE = Pattern.compile("([0-9]{1,9}[hms])+");
    private static final Pattern PART = Pattern.compile("([0-9]{1,9})([hms])");

    private GoDuration() {
    }

    /** The duration, positive; the exception message names keepFor and the accepted form. */
    public static Duration parse(String text) throws InvalidScheduleException {
        if (text == null || !WHOLE.matcher(text).matches()) {
            throw new InvalidScheduleException("retention.keepFor \"" + text
                    + "\" is not a duration of whole h, m and s such as 168h, 90m or 1h30m");
        }
        Duration total = Duration.ZERO;
        Matcher part = PART.matcher(text);
        while (part.find()) {
            long amount = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2)) {
                case "h" -> Duration.ofHours(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofSeconds(amount);
            });
        }
        if (total.isZero()) {
            throw new InvalidScheduleException("retention.keepFor \"" + text + "\" must be longer than zero");
        }
        return total;
    }
}
