package dev.openstack.snapshots.operator.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunPlannerTest {

    private static final Instant CREATED = Instant.parse("2025-06-01T08:05:00Z");
    private final CronSchedule hourly = hourly();

    private static CronSchedule hourly() {
        try {
            return CronSchedule.parse("0 * * * *", "UTC");
        } catch (InvalidScheduleException e) {
            throw new AssertionError(e);
        }
    }

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    private RunPlanner.RunPlan plan(String now, Optional<Instant> lastScheduled, Optional<Instant> newestChild,
                                    Optional<Duration> keepFor) {
        return RunPlanner.plan(hourly, at(now), CREATED, lastScheduled, newestChild, keepFor, false);
    }

    @Test
    void aNewScheduleWaitsForItsFirstSlot() {
        RunPlanner.RunPlan plan = plan("2025-06-01T08:06:00Z", Optional.empty(), Optional.empty(), Optional.empty());
        assertEquals(Optional.empty(), plan.slotToRun());
        assertEquals(Optional.of(at("2025-06-01T09:00:00Z")), plan.nextSlot());
    }

    @Test
    void runsTheSlotThatJustFired() {
        RunPlanner.RunPlan plan = plan("2025-06-01T09:00:00.200Z", Optional.empty(), Optional.empty(), Optional.empty());
        assertEquals(Optional.of(at("2025-06-01T09:00:00Z")), plan.slotToRun());
        assertEquals(Optional.of(at("2025-06-01T10:00:00Z")), plan.nextSlot());
    }

    @Test
    void aSlotAlreadyRunDoesNotRunAgain() {
        RunPlanner.RunPlan plan = plan("2025-06-01T09:30:00Z", Optional.of(at("2025-06-01T09:00:00Z")),
                Optional.of(at("2025-06-01T09:00:00Z")), Optional.empty());
        assertEquals(Optional.empty(), plan.slotToRun());
    }

    @Test
    void afterDowntimeOnlyTheLatestMissedSlotRunsOnce() {
        // Last run 09:00, operator down until 13:20: 10, 11, 12 are skipped, 13:00 runs once.
        Optional<Instant> last = Optional.of(at("2025-06-01T09:00:00Z"));
        RunPlanner.RunPlan plan = plan("2025-06-01T13:20:00Z", last, last, Optional.empty());
        assertEquals(Optional.of(at("2025-06-01T13:00:00Z")), plan.slotToRun());
        assertEquals(Optional.of(at("2025-06-01T14:00:00Z")), plan.nextSlot());
        Optional<Instant> caughtUp = Optional.of(at("2025-06-01T13:00:00Z"));
        assertEquals(Optional.empty(), plan("2025-06-01T13:21:00Z", caughtUp, caughtUp, Optional.empty()).slotToRun());
    }

    @Test
    void childrenTellWhereARunStoppedWhenStatusLags() {
        // Status never recorded 13:00 (crash after creating children): the slot is re-run (creates are idempotent).
        RunPlanner.RunPlan rerun = plan("2025-06-01T13:01:00Z", Optional.of(at("2025-06-01T12:00:00Z")),
                Optional.of(at("2025-06-01T13:00:00Z")), Optional.empty());
        assertEquals(Optional.of(at("2025-06-01T13:00:00Z")), rerun.slotToRun());
        // A child newer than the due slot (clock went back, or a newer replica ran) means nothing older runs.
        RunPlanner.RunPlan older = plan("2025-06-01T13:01:00Z", Optional.empty(),
                Optional.of(at("2025-06-01T14:00:00Z")), Optional.empty());
        assertEquals(Optional.empty(), older.slotToRun());
    }

    @Test
    void aSlotWhoseSnapshotsWouldBeBornExpiredIsSkipped() {
        Optional<Instant> last = Optional.of(at("2025-06-01T09:00:00Z"));
        assertEquals(Optional.empty(),
                plan("2025-06-01T13:30:00Z", last, last, Optional.of(Duration.ofMinutes(30))).slotToRun());
        assertEquals(Optional.of(at("2025-06-01T13:00:00Z")),
                plan("2025-06-01T13:29:59Z", last, last, Optional.of(Duration.ofMinutes(30))).slotToRun());
    }

    @Test
    void suspendedRunsNothingAndHasNoNextSlot() {
        RunPlanner.RunPlan plan = RunPlanner.plan(hourly, at("2025-06-01T09:00:01Z"), CREATED, Optional.empty(),
                Optional.empty(), Optional.empty(), true);
        assertEquals(Optional.empty(), plan.slotToRun());
        assertEquals(Optional.empty(), plan.nextSlot());
    }

    @Test
    void resumingRunsTheLatestSlotMissedWhileSuspended() {
        Optional<Instant> last = Optional.of(at("2025-06-01T09:00:00Z"));
        RunPlanner.RunPlan plan = plan("2025-06-01T15:10:00Z", last, last, Optional.empty());
        assertEquals(Optional.of(at("2025-06-01T15:00:00Z")), plan.slotToRun());
    }
}
