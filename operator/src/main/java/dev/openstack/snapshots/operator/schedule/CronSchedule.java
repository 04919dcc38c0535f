package dev.openstack.snapshots.operator.schedule;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Optional;

/**
 * A five-field UNIX cron expression evaluated in an IANA time zone.
 *
 * <p>The expression picks wall-clock times; each matching wall-clock time fires exactly once:
 * <ul>
 *   <li>a time skipped when the clocks jump forward (02:30 on the spring day in Europe/Berlin) fires at the instant
 *       of the jump (03:00 local); several skipped times collapse into that one run;</li>
 *   <li>a time that happens twice when the clocks go back (02:30 on the autumn day) fires at its first occurrence
 *       only, so the repeated hour fires nothing.</li>
 * </ul>
 * cron-utils is only asked for wall-clock matches (evaluated in UTC, where no time is skipped or repeated); this class
 * maps them to instants. cron-utils' own zoned evaluation skips the spring-forward run entirely and fires some
 * expressions twice in autumn, which a daily backup must not do.
 */
public final class CronSchedule {

    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    /** A cron matches at least once a year or never; this bounds the overlap walk defensively. */
    private static final int MAX_STEPS = 100_000;

    private final String expression;
    private final ZoneId zone;
    private final ExecutionTime wallClock;

    private CronSchedule(String expression, ZoneId zone, ExecutionTime wallClock) {
        this.expression = expression;
        this.zone = zone;
        this.wallClock = wallClock;
    }

    /** Parses and checks the expression and the zone; the message of the exception names the field. */
    public static CronSchedule parse(String expression, String timeZone) throws InvalidScheduleException {
        ZoneId zone = zone(timeZone);
        if (expression == null || expression.isBlank()) {
            throw new InvalidScheduleException("schedule is empty: a five-field cron expression is required");
        }
        ExecutionTime executionTime;
        try {
            var cron = PARSER.parse(expression.trim());
            cron.validate();
            executionTime = ExecutionTime.forCron(cron);
        } catch (IllegalArgumentException e) {
            throw new InvalidScheduleException("schedule \"" + expression + "\" is not a valid cron expression: "
                    + e.getMessage());
        }
        ZonedDateTime probe = ZonedDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        if (executionTime.nextExecution(probe).isEmpty()) {
            throw new InvalidScheduleException("schedule \"" + expression + "\" never fires");
        }
        return new CronSchedule(expression.trim(), zone, executionTime);
    }

    private static ZoneId zone(String timeZone) throws InvalidScheduleException {
        if (timeZone == null || timeZone.isEmpty()) {
            return ZoneOffset.UTC;
        }
        // ZoneId.of would also take offsets like +02:00 or GMT+2; only region names from the tz database are IANA zones.
        if (!ZoneId.getAvailableZoneIds().contains(timeZone)) {
            throw new InvalidScheduleException("timeZone \"" + timeZone
                    + "\" is not in the IANA time zone database (expected a name like Europe/Berlin or UTC)");
        }
        return ZoneId.of(timeZone);
    }

    public String expression() {
        return expression;
    }

    public ZoneId zone() {
        return zone;
    }

    /** The first fire instant strictly after {@code after}. */
    public Optional<Instant> nextAfter(Instant after) {
        LocalDateTime cursor = LocalDateTime.ofInstant(after, zone);
        for (int step = 0; step < MAX_STEPS; step++) {
            Optional<LocalDateTime> match = nextMatch(cursor);
            if (match.isEmpty()) {
                return Optional.empty();
            }
            Instant fire = fireInstant(match.get());
            // Only inside a repeated hour can a later wall-clock match map to an instant not after 'after'.
            if (fire.isAfter(after)) {
                return Optional.of(fire);
            }
            cursor = match.get();
        }
        throw new IllegalStateException("no next fire time found for " + expression + " after " + after);
    }

    /** The latest fire instant at or before {@code atOrBefore}. */
    public Optional<Instant> latestAtOrBefore(Instant atOrBefore) {
        LocalDateTime local = LocalDateTime.ofInstant(atOrBefore, zone);
        // Wall-clock matches up to 'local' all fire at or before the instant (the mapping never decreases) ...
        Optional<LocalDateTime> best = wallClock
                .lastExecution(local.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1).atZone(ZoneOffset.UTC))
                .map(ZonedDateTime::toLocalDateTime);
        // ... and inside a repeated hour, later wall-clock matches may have fired already (in the first pass).
        LocalDateTime cursor = local;
        for (int step = 0; step < MAX_STEPS; step++) {
            Optional<LocalDateTime> match = nextMatch(cursor);
            if (match.isEmpty() || fireInstant(match.get()).isAfter(atOrBefore)) {
                return best.map(this::fireInstant);
            }
            best = match;
            cursor = match.get();
        }
        throw new IllegalStateException("no previous fire time found for " + expression + " before " + atOrBefore);
    }

    private Optional<LocalDateTime> nextMatch(LocalDateTime after) {
        return wallClock.nextExecution(after.atZone(ZoneOffset.UTC)).map(ZonedDateTime::toLocalDateTime);
    }

    /** Wall-clock time to instant: a skipped time fires at the jump, a repeated time at its first occurrence. */
    private Instant fireInstant(LocalDateTime wallClockTime) {
        ZoneRules rules = zone.getRules();
        List<ZoneOffset> offsets = rules.getValidOffsets(wallClockTime);
        if (offsets.isEmpty()) {
            return rules.getTransition(wallClockTime).getInstant();
        }
        return offsets.stream().map(wallClockTime::toInstant).min(Instant::compareTo).orElseThrow();
    }

    @Override
    public String toString() {
        return expression + " (" + zone + ")";
    }
}
