package dev.openstack.snapshots.operator.api;

import dev.openstack.snapshots.operator.duration.GoDuration;

/**
 * The shape of a five-field UNIX cron expression as a regular expression, for the CRD schema. It checks what a
 * pattern can (field count, characters, numeric ranges per field); month and weekday names are only checked to be
 * three letters, and the controller parses the expression fully and reports anything else as InvalidConfiguration.
 * Written in the common subset of Go RE2 (the API server) and java.util.regex (the unit test).
 */
public final class CronSyntax {

    private static final String STEP = "(/[0-9]{1,2})?";
    private static final String NAME = "[A-Za-z]{3}";
    private static final String MINUTE = "([0-5]?[0-9])";
    private static final String HOUR = "([01]?[0-9]|2[0-3])";
    private static final String DAY_OF_MONTH = "(0?[1-9]|[12][0-9]|3[01])";
    private static final String MONTH = "(0?[1-9]|1[0-2]|" + NAME + ")";
    private static final String DAY_OF_WEEK = "([0-7]|" + NAME + ")";

    private static final String MINUTES = "(\\*|" + MINUTE + "(-" + MINUTE + ")?)" + STEP
            + "(,(\\*|" + MINUTE + "(-" + MINUTE + ")?)" + STEP + ")*";
    private static final String HOURS = "(\\*|" + HOUR + "(-" + HOUR + ")?)" + STEP
            + "(,(\\*|" + HOUR + "(-" + HOUR + ")?)" + STEP + ")*";
    private static final String DAYS_OF_MONTH = "(\\*|" + DAY_OF_MONTH + "(-" + DAY_OF_MONTH + ")?)" + STEP
            + "(,(\\*|" + DAY_OF_MONTH + "(-" + DAY_OF_MONTH + ")?)" + STEP + ")*";
    private static final String MONTHS = "(\\*|" + MONTH + "(-" + MONTH + ")?)" + STEP
            + "(,(\\*|" + MONTH + "(-" + MONTH + ")?)" + STEP + ")*";
    private static final String DAYS_OF_WEEK = "(\\*|" + DAY_OF_WEEK + "(-" + DAY_OF_WEEK + ")?)" + STEP
            + "(,(\\*|" + DAY_OF_WEEK + "(-" + DAY_OF_WEEK + ")?)" + STEP + ")*";

    /** minute hour day-of-month month day-of-week, separated by blanks. */
    public static final String PATTERN = "^" + MINUTES + "[ \\t]+" + HOURS + "[ \\t]+" + DAYS_OF_MONTH
            + "[ \\t]+" + MONTHS + "[ \\t]+" + DAYS_OF_WEEK + "$";

    /** An IANA zone name's shape (Area/Location[/Sublocation], or UTC); the controller checks it exists. */
    public static final String TIME_ZONE_PATTERN = "^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+){0,2}$";

    /** A Go-style duration of whole hours, minutes and seconds, e.g. 168h, 90m, 1h30m: {@link GoDuration}'s grammar. */
    public static final String DURATION_PATTERN = GoDuration.WHOLE_SECONDS_PATTERN;

    private CronSyntax() {
    }
}
