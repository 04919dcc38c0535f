package dev.openstack.snapshots.operator.restoration;

import dev.openstack.snapshots.operator.api.SnapshotState;
import dev.openstack.snapshots.operator.status.Reason;

/**
 * A restored volume's Cinder status translated into the restoration's state and condition reason.
 * Anything that is neither in progress nor an error is a usable volume (available, in-use, attaching...):
 * what happens to the volume after the restore is not the restoration's business.
 */
record VolumePhase(SnapshotState state, boolean ready, boolean progressing, Reason reason) {

    static VolumePhase of(String cinderStatus) {
        String status = cinderStatus == null ? "" : cinderStatus;
        return switch (status) {
            case "creating", "downloading" -> new VolumePhase(SnapshotState.Creating, false, true, Reason.Progressing);
            case "deleting" -> new VolumePhase(SnapshotState.Deleting, false, true, Reason.Progressing);
            case "error_deleting" -> new VolumePhase(SnapshotState.Erred, false, false, Reason.DeletionFailed);
            default -> status.startsWith("error")
                    ? new VolumePhase(SnapshotState.Erred, false, false, Reason.BackendError)
                    : new VolumePhase(SnapshotState.OK, true, false, Reason.Success);
        };
    }
}
