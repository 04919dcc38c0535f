package dev.openstack.snapshots.operator.schedule;

import dev.openstack.snapshots.operator.api.OpenStackSnapshotSchedule;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotScheduleStatus;
import dev.openstack.snapshots.operator.api.ScheduleState;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The schedule's next status. One condition, Ready: True with reason Scheduled or Suspended; False with reason
 * InvalidConfiguration or SnapshotFailed. lastTransitionTime moves only when the condition's status does.
 */
public final class ScheduleStatusBuilder {

    public static final String READY = "Ready";
    public static final String SCHEDULED = "Scheduled";
    public static final String SUSPENDED = "Suspended";
    public static final String INVALID_CONFIGURATION = "InvalidConfiguration";
    public static final String SNAPSHOT_FAILED = "SnapshotFailed";

    private final Clock clock;

    public ScheduleStatusBuilder(Clock clock) {
        this.clock = clock;
    }

    /** Status for a spec the operator cannot use: nothing is scheduled until the spec changes. */
    public OpenStackSnapshotScheduleStatus invalid(OpenStackSnapshotSchedule schedule, String message,
                                                   ScheduleHealth health) {
        OpenStackSnapshotScheduleStatus status = carriedOver(schedule, health);
        status.setNextScheduleTime(null);
        status.setErrorMessage(message);
        status.setState(ScheduleState.Erred);
        status.setConditions(List.of(ready(schedule, "False", INVALID_CONFIGURATION, message)));
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
        Condition ready;
        if (health.failing()) {
            status.setState(ScheduleState.Erred);
            ready = ready(schedule, "False", SNAPSHOT_FAILED, health.errorMessage());
        } else if (config.suspended()) {
            status.setState(ScheduleState.Suspended);
            ready = ready(schedule, "True", SUSPENDED, "suspended: no new snapshots are created");
        } else {
            status.setState(ScheduleState.Scheduled);
            ready = ready(schedule, "True", SCHEDULED, "snapshots " + config.cron());
        }
        status.setConditions(List.of(ready));
        return status;
    }

    /** The Ready condition of a status, if any. */
    public static Optional<Condition> readyOf(OpenStackSnapshotScheduleStatus status) {
        return status == null || status.getConditions() == null ? Optional.empty()
                : status.getConditions().stream().filter(c -> READY.equals(c.getType())).findFirst();
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

    private Condition ready(OpenStackSnapshotSchedule schedule, String value, String reason, String message) {
        String transition = readyOf(schedule.getStatus())
                .filter(previous -> value.equals(previous.getStatus()))
                .map(Condition::getLastTransitionTime)
                .orElseGet(() -> clock.instant().toString());
        return new ConditionBuilder().withType(READY).withStatus(value).withReason(reason)
                .withMessage(message == null ? "" : message)
                .withLastTransitionTime(transition).withObservedGeneration(schedule.getMetadata().getGeneration())
                .build();
    }
}
