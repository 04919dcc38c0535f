package dev.openstack.snapshots.operator.restoration;

import dev.openstack.snapshots.operator.api.SnapshotState;

/**
 * A restored volume's Cinder status translated into the restoration's state and condition reason.
 * Anything that is neither in progress nor an error is a usable volume (available, in-use, attaching...):
 * what happens to the volume after the restore is not the restoration's business.
 */
record VolumePhase(SnapshotState state, boolean ready, boolean progressing, String reason) {

    static VolumePhase of(String cinderStatus) {
        String status = cinderStatus == null ? "" : cinderStatus;
        return switch (status) {
            case "creating", "downloading" -> new VolumePhase(SnapshotState.Creating, false, true, Reasons.PROGRESSING);
            case "deleting" -> new VolumePhase(SnapshotState.Deleting, false, true, Reasons.PROGRESSING);
            case "error_deleting" -> new VolumePhase(SnapshotState.Erred, false, false, Reasons.DELETION_FAILED);
            default -> status.startsWith("error")
                    ? new VolumePhase(SnapshotState.Erred, false, false, Reasons.BACKEND_ERROR)
                    : new VolumePhase(SnapshotState.OK, true, false, Reasons.SUCCESS);
        };
    }
}
