package dev.openstack.snapshots.operator.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CronScheduleTest {

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    private static List<Instant> fires(CronSchedule cron, Instant from, int count) {
        List<Instant> fires = new ArrayList<>();
        Instant cursor = from;
        for (int i = 0; i < count; i++) {
            cursor = cron.nextAfter(cursor).orElseThrow();
            fires.add(cursor);
        }
        return fires;
    }

    @Test
    void dailyInUtcByDefault() throws Exception {
        CronSchedule cron = CronSchedule.parse("0 3 * * *", null);
        assertEquals(List.of(at("2025-06-01T03:00:00Z"), at("2025-06-02T03:00:00Z")),
                fires(cron, at("2025-06-01T02:59:59Z"), 2));
    }

    @Test
    void nextIsStrictlyAfterAndLatestIsAtOrBefore() throws Exception {
        CronSchedule cron = CronSchedule.parse("*/15 * * * *", "UTC");
        assertEquals(Optional.of(at("2025-06-01T10:15:00Z")), cron.nextAfter(at("2025-06-01T10:00:00Z")));
        assertEquals(Optional.of(at("2025-06-01T10:00:00Z")), cron.latestAtOrBefore(at("2025-06-01T10:00:00Z")));
        assertEquals(Optional.of(at("2025-06-01T10:00:00Z")), cron.latestAtOrBefore(at("2025-06-01T10:14:59.999Z")));
    }

    @Test
    void evaluatedInTheScheduleTimeZone() throws Exception {
        CronSchedule cron = CronSchedule.parse("0 3 * * *", "Asia/Tokyo");
        assertEquals(Optional.of(at("2025-06-01T18:00:00Z")), cron.nextAfter(at("2025-06-01T12:00:00Z")));
    }

    @Test
    void springForwardTimeFiresOnceAtTheJump() throws Exception {
        // Europe/Berlin 2025-03-30: 02:00 CET jumps to 03:00 CEST (01:00Z); 02:30 does not exist that day.
        CronSchedule cron = CronSchedule.parse("30 2 * * *", "Europe/Berlin");
        assertEquals(List.of(at("2025-03-29T01:30:00Z"), at("2025-03-30T01:00:00Z"), at("2025-03-31T00:30:00Z")),
                fires(cron, at("2025-03-28T12:00:00Z"), 3));
        assertEquals(Optional.of(at("2025-03-30T01:00:00Z")), cron.latestAtOrBefore(at("2025-03-30T05:00:00Z")));
    }

    @Test
    void skippedTimesCollapseIntoOneRunAtTheJump() throws Exception {
        CronSchedule cron = CronSchedule.parse("0,30 * * * *", "Europe/Berlin");
        // 01:30 CET, then 02:00 and 02:30 (skipped) and 03:00 CEST all at 01:00Z, then 03:30 CEST.
        assertEquals(List.of(at("2025-03-30T00:30:00Z"), at("2025-03-30T01:00:00Z"), at("2025-03-30T01:30:00Z")),
                fires(cron, at("2025-03-30T00:15:00Z"), 3));
    }

    @Test
    void repeatedAutumnTimeFiresOnlyAtItsFirstOccurrence() throws Exception {
        // Europe/Berlin 2025-10-26: 03:00 CEST goes back to 02:00 CET (01:00Z); 02:30 happens at 00:30Z and 01:30Z.
        CronSchedule cron = CronSchedule.parse("30 2 * * *", "Europe/Berlin");
        assertEquals(List.of(at("2025-10-26T00:30:00Z"), at("2025-10-27T01:30:00Z")),
                fires(cron, at("2025-10-25T12:00:00Z"), 2));
    }

    @Test
    void hourlyScheduleDoesNotRepeatTheDoubledHour() throws Exception {
        CronSchedule cron = CronSchedule.parse("0 * * * *", "Europe/Berlin");
        // 01:00 CEST, 02:00 CEST, (02:00 CET repeats: no run), 03:00 CET.
        assertEquals(List.of(at("2025-10-25T23:00:00Z"), at("2025-10-26T00:00:00Z"), at("2025-10-26T02:00:00Z")),
                fires(cron, at("2025-10-25T22:30:00Z"), 3));
    }

    @Test
    void latestInsideTheRepeatedHourIsTheFirstPassFire() throws Exception {
        CronSchedule cron = CronSchedule.parse("*/15 2 * * *", "Europe/Berlin");
        // 01:10Z is 02:10 CET, the second pass; 02:45 CEST (00:45Z) already fired in the first pass.
        assertEquals(Optional.of(at("2025-10-26T00:45:00Z")), cron.latestAtOrBefore(at("2025-10-26T01:10:00Z")));
        assertEquals(Optional.of(at("2025-10-27T01:00:00Z")), cron.nextAfter(at("2025-10-26T01:10:00Z")));
    }

    @Test
    void dayOfMonthAndDayOfWeekEitherMatches() throws Exception {
        CronSchedule cron = CronSchedule.parse("0 3 1 * MON", "UTC");
        // 2025-09-01 is a Monday; then Mondays 8, 15, ... and October 1st (a Wednesday).
        assertEquals(List.of(at("2025-09-22T03:00:00Z"), at("2025-09-29T03:00:00Z"), at("2025-10-01T03:00:00Z")),
                fires(cron, at("2025-09-20T00:00:00Z"), 3));
    }

    @Test
    void rejectsInvalidExpressionsWithTheReason() {
        InvalidScheduleException outOfRange = assertThrows(InvalidScheduleException.class,
                () -> CronSchedule.parse("61 * * * *", "UTC"));
        assertTrue(outOfRange.getMessage().contains("not a valid cron expression"), outOfRange.getMessage());
        assertTrue(outOfRange.getMessage().contains("61"), outOfRange.getMessage());
        assertThrows(InvalidScheduleException.class, () -> CronSchedule.parse("0 3 * *", "UTC"));
        assertThrows(InvalidScheduleException.class, () -> CronSchedule.parse("0 3 * * FOO", "UTC"));
        assertThrows(InvalidScheduleException.class, () -> CronSchedule.parse("", "UTC"));
        InvalidScheduleException never = assertThrows(InvalidScheduleException.class,
                () -> CronSchedule.parse("0 0 30 2 *", "UTC"));
        assertTrue(never.getMessage().contains("never fires"), never.getMessage());
    }

    @Test
    void rejectsUnknownTimeZonesAndOffsets() {
        InvalidScheduleException unknown = assertThrows(InvalidScheduleException.class,
                () -> CronSchedule.parse("0 3 * * *", "Europe/Atlantis"));
        assertTrue(unknown.getMessage().contains("timeZone \"Europe/Atlantis\""), unknown.getMessage());
        assertThrows(InvalidScheduleException.class, () -> CronSchedule.parse("0 3 * * *", "+02:00"));
        assertThrows(InvalidScheduleException.class, () -> CronSchedule.parse("0 3 * * *", "GMT+2"));
    }
}
