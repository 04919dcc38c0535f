package dev.openstack.snapshots.operator.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides whether a slot is due now, and when the next one is.
 *
 * <p>The due slot is the latest fire time at or before now. It runs only if it was announced: at or after the
 * nextScheduleTime the status promised for the current generation of the spec. So a new or edited schedule starts at
 * its next slot (nothing before it is "missed"), and after downtime only the latest missed slot runs, once: earlier
 * missed slots are skipped and the normal cadence follows. It does not run if it already ran (status.lastScheduleTime)
 * or if a child exists for a later slot, nor if its snapshots would be born expired (slot + keepFor at or before now,
 * which bounds how late a catch-up may be). Running a slot again (after a crash between creating children and
 * writing status) is harmless because child names are deterministic.
 */
public final class RunPlanner {

    private RunPlanner() {
    }

    /** The decision: the slot to run now, if any, and the next fire time (empty when suspended). */
    public record RunPlan(Optional<Instant> slotToRun, Optional<Instant> nextSlot) {
    }

    /** What the schedule knows of its past: the slot it announced, the last it ran, the newest child's slot. */
    public record History(Optional<Instant> announced, Optional<Instant> lastScheduled, Optional<Instant> newestChild) {

        public static History none() {
            return new History(Optional.empty(), Optional.empty(), Optional.empty());
        }
    }

    public static RunPlan plan(CronSchedule cron, Instant now, History history, Optional<Duration> keepFor,
                               boolean suspended) {
        if (suspended) {
            return new RunPlan(Optional.empty(), Optional.empty());
        }
        Optional<Instant> due = cron.latestAtOrBefore(now)
                .filter(slot -> history.announced().map(announced -> !slot.isBefore(announced)).orElse(false))
                .filter(slot -> history.lastScheduled().map(slot::isAfter).orElse(true))
                .filter(slot -> history.newestChild().map(newest -> !slot.isBefore(newest)).orElse(true))
                .filter(slot -> keepFor.map(keep -> slot.plus(keep).isAfter(now)).orElse(true));
        return new RunPlan(due, cron.nextAfter(now));
    }
}
