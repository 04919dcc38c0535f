package dev.openstack.snapshots.operator.schedule;

import dev.openstack.snapshots.operator.api.OpenStackSnapshotSchedule;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotScheduleStatus;
import dev.openstack.snapshots.operator.api.ScheduleState;
import dev.openstack.snapshots.operator.status.Conditions.Wanted;
import dev.openstack.snapshots.operator.status.Conditions;
import dev.openstack.snapshots.operator.status.Reason;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The schedule's next status. One condition, Ready: True with reason Scheduled or Suspended; False with reason
 * InvalidConfiguration or SnapshotFailed. lastTransitionTime moves only when the condition's status does.
 */
public final class ScheduleStatusBuilder {

    private final Conditions conditions;

    public ScheduleStatusBuilder(Clock clock) {
        this.conditions = new Conditions(clock);
    }

    /** Status for a spec the operator cannot use: nothing is scheduled until the spec changes. */
    public OpenStackSnapshotScheduleStatus invalid(OpenStackSnapshotSchedule schedule, String message,
                                                   ScheduleHealth health) {
        OpenStackSnapshotScheduleStatus status = carriedOver(schedule, health);
        status.setNextScheduleTime(null);
        status.setErrorMessage(message);
        status.setState(ScheduleState.Erred);
        status.setConditions(ready(schedule, false, Reason.InvalidConfiguration, message));
        return status;
    }

    /** Status after a reconciliation of a valid schedule. */
    public OpenStackSnapshotScheduleStatus scheduled(OpenStackSnapshotSchedule schedule, ScheduleConfig config,
                                                     Optional<Instant> ranSlot, Optional<Instant> nextSlot,
                                                     ScheduleHealth health) {
        OpenStackSnapshotScheduleStatus status = carriedOver(schedule, health);
        status.setLastScheduleTime(later(status.getLastScheduleTime(), ranSlot));
        status.setNextScheduleTime(nextSlot.map(Instant::toString).orElse(null));
        status.setErrorMessage(health.errorMessage());
        if (health.failing()) {
            status.setState(ScheduleState.Erred);
            status.setConditions(ready(schedule, false, Reason.SnapshotFailed, health.errorMessage()));
        } else if (config.suspended()) {
            status.setState(ScheduleState.Suspended);
            status.setConditions(ready(schedule, true, Reason.Suspended, "suspended: no new snapshots are created"));
        } else {
            status.setState(ScheduleState.Scheduled);
            status.setConditions(ready(schedule, true, Reason.Scheduled, "snapshots " + config.cron()));
        }
        return status;
    }

    /** The Ready condition of a status, if any. */
    public static Optional<Condition> readyOf(OpenStackSnapshotScheduleStatus status) {
        return status == null ? Optional.empty() : Conditions.find(status.getConditions(), Conditions.READY);
    }

    private OpenStackSnapshotScheduleStatus carriedOver(OpenStackSnapshotSchedule schedule, ScheduleHealth health) {
        OpenStackSnapshotScheduleStatus previous = schedule.getStatus();
        OpenStackSnapshotScheduleStatus status = new OpenStackSnapshotScheduleStatus();
        if (previous != null) {
            status.setLastScheduleTime(previous.getLastScheduleTime());
            status.setLastSuccessfulTime(previous.getLastSuccessfulTime());
        }
        // Children may have expired or been pruned (times never go back), or be all that is left of a lost status.
        status.setLastScheduleTime(later(status.getLastScheduleTime(), health.newestSlot()));
        status.setLastSuccessfulTime(later(status.getLastSuccessfulTime(), health.lastSuccessful()));
        status.setSnapshotCount(health.count());
        status.setObservedGeneration(schedule.getMetadata().getGeneration());
        return status;
    }

    private static String later(String recorded, Optional<Instant> candidate) {
        if (candidate.isEmpty() || (recorded != null && !Instant.parse(recorded).isBefore(candidate.get()))) {
            return recorded;
        }
        return candidate.get().toString();
    }

    /** The one condition of a schedule, Ready, against the one it had. */
    private List<Condition> ready(OpenStackSnapshotSchedule schedule, boolean ready, Reason reason, String message) {
        return conditions.with(readyOf(schedule.getStatus()).map(List::of).orElse(List.of()),
                schedule.getMetadata().getGeneration(), Wanted.ready(ready, reason, message));
    }
}
