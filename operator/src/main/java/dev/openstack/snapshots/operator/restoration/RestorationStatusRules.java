package dev.openstack.snapshots.operator.restoration;

import dev.openstack.snapshots.operator.api.SnapshotRestoration;
import dev.openstack.snapshots.operator.api.SnapshotRestorationStatus;
import dev.openstack.snapshots.operator.api.SnapshotState;
import dev.openstack.snapshots.operator.events.TransitionEvents;
import dev.openstack.snapshots.operator.status.StatusPatcher;

/**
 * How the shared {@link StatusPatcher} writes a restoration's status: status.volumeID and status.createRequestedAt
 * change only by claim (a plain write keeps the live values); a transition to OK is the Restored event, one to Erred
 * the Failed event.
 */
final class RestorationStatusRules implements StatusPatcher.Rules<SnapshotRestoration, SnapshotRestorationStatus> {

    private final TransitionEvents events;

    RestorationStatusRules(TransitionEvents events) {
        this.events = events;
    }

    @Override
    public void keepClaimed(SnapshotRestoration live, SnapshotRestorationStatus next) {
        SnapshotRestorationStatus current = live.getStatus();
        if (current != null) {
            next.setCreateRequestedAt(current.getCreateRequestedAt());
            if (current.getVolumeID() != null) {
                next.setVolumeID(current.getVolumeID());
            }
        }
    }

    @Override
    public Object stateOf(SnapshotRestorationStatus status) {
        return status.getState();
    }

    @Override
    public String errorOf(SnapshotRestorationStatus status) {
        return status.getErrorMessage();
    }

    @Override
    public void announce(SnapshotRestoration restoration, SnapshotRestorationStatus before, SnapshotRestorationStatus after) {
        SnapshotState was = before == null ? null : before.getState();
        if (after.getState() == SnapshotState.OK && was != SnapshotState.OK) {
            events.normal(restoration, "Restored", "volume " + after.getVolumeID() + " (" + after.getVolumeName()
                    + ") restored from snapshot " + restoration.getSpec().getSnapshotRef().getName());
        } else if (after.getState() == SnapshotState.Erred && was != SnapshotState.Erred) {
            events.warning(restoration, "Failed", after.getErrorMessage());
        }
    }
}
