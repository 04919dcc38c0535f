package dev.openstack.snapshots.operator.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides whether a slot is due now, and when the next one is.
 *
 * <p>The due slot is the latest fire time at or before now. It runs if it is after the schedule's creation, after the
 * last slot already run (status.lastScheduleTime) and not older than the newest slot any child was made for; so after
 * downtime or a suspension only the latest missed slot runs, once, and earlier missed slots are skipped. A slot whose
 * snapshots would already be expired (slot + keepFor at or before now) is not run: that bounds how late a catch-up may
 * be. Running a slot again (e.g. after a crash between creating children and writing status) is harmless because
 * child names are deterministic.
 */
public final class RunPlanner {

    private RunPlanner() {
    }

    /** The decision: the slot to run now, if any, and the next fire time (empty when suspended). */
    public record RunPlan(Optional<Instant> slotToRun, Optional<Instant> nextSlot) {
    }

    public static RunPlan plan(CronSchedule cron, Instant now, Instant createdAt, Optional<Instant> lastScheduled,
                               Optional<Instant> newestChildSlot, Optional<Duration> keepFor, boolean suspended) {
        if (suspended) {
            return new RunPlan(Optional.empty(), Optional.empty());
        }
        Optional<Instant> due = cron.latestAtOrBefore(now)
                .filter(slot -> slot.isAfter(createdAt))
                .filter(slot -> lastScheduled.map(slot::isAfter).orElse(true))
                .filter(slot -> newestChildSlot.map(newest -> !slot.isBefore(newest)).orElse(true))
                .filter(slot -> keepFor.map(keep -> slot.plus(keep).isAfter(now)).orElse(true));
        return new RunPlan(due, cron.nextAfter(now));
    }
}
