package dev.openstack.snapshots.operator.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.openstack.snapshots.operator.schedule.RunPlanner.History;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunPlannerTest {

    private final CronSchedule hourly = hourly();

    private static CronSchedule hourly() {
        try {
            return CronSchedule.parse("0 * * * *", "UTC");
        } catch (InvalidScheduleException e) {
            throw new AssertionError(e);
        }
    }

    private static Optional<Instant> at(String instant) {
        return Optional.of(Instant.parse(instant));
    }

    private static History history(Optional<Instant> announced, Optional<Instant> last, Optional<Instant> child) {
        return new History(announced, last, child);
    }

    private RunPlanner.RunPlan plan(String now, History history, Optional<Duration> keepFor) {
        return RunPlanner.plan(hourly, Instant.parse(now), history, keepFor, false);
    }

    @Test
    void aNewScheduleAnnouncesItsFirstSlotAndRunsNothingBeforeIt() {
        RunPlanner.RunPlan plan = plan("2025-06-01T08:06:00Z", History.none(), Optional.empty());
        assertEquals(Optional.empty(), plan.slotToRun());
        assertEquals(at("2025-06-01T09:00:00Z"), plan.nextSlot());
    }

    @Test
    void runsTheAnnouncedSlotWhenItFires() {
        RunPlanner.RunPlan plan = plan("2025-06-01T09:00:00.200Z",
                history(at("2025-06-01T09:00:00Z"), Optional.empty(), Optional.empty()), Optional.empty());
        assertEquals(at("2025-06-01T09:00:00Z"), plan.slotToRun());
        assertEquals(at("2025-06-01T10:00:00Z"), plan.nextSlot());
    }

    @Test
    void aSlotAlreadyRunDoesNotRunAgain() {
        RunPlanner.RunPlan plan = plan("2025-06-01T09:30:00Z",
                history(at("2025-06-01T09:00:00Z"), at("2025-06-01T09:00:00Z"), at("2025-06-01T09:00:00Z")),
                Optional.empty());
        assertEquals(Optional.empty(), plan.slotToRun());
    }

    @Test
    void afterDowntimeOnlyTheLatestMissedSlotRunsOnce() {
        // Ran 09:00 and announced 10:00; the operator is down until 13:20: 10, 11, 12 are skipped, 13:00 runs once.
        History before = history(at("2025-06-01T10:00:00Z"), at("2025-06-01T09:00:00Z"), at("2025-06-01T09:00:00Z"));
        RunPlanner.RunPlan plan = plan("2025-06-01T13:20:00Z", before, Optional.empty());
        assertEquals(at("2025-06-01T13:00:00Z"), plan.slotToRun());
        assertEquals(at("2025-06-01T14:00:00Z"), plan.nextSlot());
        History after = history(at("2025-06-01T14:00:00Z"), at("2025-06-01T13:00:00Z"), at("2025-06-01T13:00:00Z"));
        assertEquals(Optional.empty(), plan("2025-06-01T13:21:00Z", after, Optional.empty()).slotToRun());
    }

    @Test
    void aSlotIsRerunWhenStatusDidNotRecordItAndNeverOlderThanAChild() {
        // Crash after creating 13:00's children, before status: the slot runs again (creates are idempotent).
        RunPlanner.RunPlan rerun = plan("2025-06-01T13:01:00Z",
                history(at("2025-06-01T13:00:00Z"), at("2025-06-01T12:00:00Z"), at("2025-06-01T13:00:00Z")),
                Optional.empty());
        assertEquals(at("2025-06-01T13:00:00Z"), rerun.slotToRun());
        // A child for a later slot (clock went back, or another replica ran it): nothing older runs.
        RunPlanner.RunPlan older = plan("2025-06-01T13:01:00Z",
                history(at("2025-06-01T13:00:00Z"), Optional.empty(), at("2025-06-01T14:00:00Z")), Optional.empty());
        assertEquals(Optional.empty(), older.slotToRun());
    }

    @Test
    void aSlotWhoseSnapshotsWouldBeBornExpiredIsSkipped() {
        History before = history(at("2025-06-01T10:00:00Z"), at("2025-06-01T09:00:00Z"), Optional.empty());
        assertEquals(Optional.empty(),
                plan("2025-06-01T13:30:00Z", before, Optional.of(Duration.ofMinutes(30))).slotToRun());
        assertEquals(at("2025-06-01T13:00:00Z"),
                plan("2025-06-01T13:29:59Z", before, Optional.of(Duration.ofMinutes(30))).slotToRun());
    }

    @Test
    void suspendedRunsNothingAndAnnouncesNothing() {
        RunPlanner.RunPlan plan = RunPlanner.plan(hourly, Instant.parse("2025-06-01T09:00:01Z"),
                history(at("2025-06-01T09:00:00Z"), Optional.empty(), Optional.empty()), Optional.empty(), true);
        assertEquals(Optional.empty(), plan.slotToRun());
        assertEquals(Optional.empty(), plan.nextSlot());
    }

    @Test
    void withoutAnAnnouncementNothingIsCaughtUp() {
        // After a resume or a spec edit the announcement is gone: the schedule continues at its next slot.
        RunPlanner.RunPlan plan = plan("2025-06-01T15:10:00Z",
                history(Optional.empty(), at("2025-06-01T09:00:00Z"), at("2025-06-01T09:00:00Z")), Optional.empty());
        assertEquals(Optional.empty(), plan.slotToRun());
        assertEquals(at("2025-06-01T16:00:00Z"), plan.nextSlot());
    }
}
