package dev.openstack.snapshots.simulator.controls;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people type them on a command line or in a control call: {@code 200ms}, {@code 2s}, {@code 5m}, {@code 1h}, or bare milliseconds. */
public final class DurationText {

    private static final Pattern FORMAT = Pattern.compile("^(\\d+)\\s*(ms|s|m|h)?$");

    private DurationText() {
    }

    public static Duration parse(String text) {
        Matcher m = FORMAT.matcher(text.trim().toLowerCase());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (use e.g. 200ms, 2s, 5m, 1h)");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }
}
