package dev.openstack.snapshots.operator.schedule;

import dev.openstack.snapshots.operator.api.OpenStackSnapshotSchedule;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotScheduleStatus;
import dev.openstack.snapshots.operator.events.TransitionEvents;
import dev.openstack.snapshots.operator.status.StatusPatcher;

/**
 * The schedule's part of the shared {@link StatusPatcher}: a Failed event when the schedule turns unhealthy or fails
 * for a different reason; none per reconcile.
 */
final class ScheduleStatusRules implements StatusPatcher.Rules<OpenStackSnapshotSchedule, OpenStackSnapshotScheduleStatus> {

    private final TransitionEvents events;

    ScheduleStatusRules(TransitionEvents events) {
        this.events = events;
    }

    @Override
    public Object stateOf(OpenStackSnapshotScheduleStatus status) {
        return status.getState();
    }

    @Override
    public String errorOf(OpenStackSnapshotScheduleStatus status) {
        return status.getErrorMessage();
    }

    @Override
    public void announce(OpenStackSnapshotSchedule schedule, OpenStackSnapshotScheduleStatus before,
            OpenStackSnapshotScheduleStatus next) {
        var now = ScheduleStatusBuilder.readyOf(next);
        var was = ScheduleStatusBuilder.readyOf(before);
        boolean failing = now.map(c -> "False".equals(c.getStatus())).orElse(false);
        boolean changed = was.map(c -> !c.getStatus().equals(now.get().getStatus())
                || !c.getMessage().equals(now.get().getMessage())).orElse(true);
        if (failing && changed) {
            events.warning(schedule, "Failed", now.get().getMessage());
        }
    }
}
