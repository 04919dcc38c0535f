package dev.openstack.snapshots.operator.snapshot;

import dev.openstack.snapshots.operator.api.SnapshotState;
import dev.openstack.snapshots.operator.status.Reason;

/** Cinder's snapshot status, mapped to the portal's state machine (ARCHITECTURE §2). */
public final class StateMapping {

    private StateMapping() {
    }

    /**
     * The outcome of a snapshot Cinder reports with {@code cinderStatus}, given whether the spec
     * still has to be pushed (only meaningful for {@code available}).
     */
    public static Outcome outcomeOf(String cinderStatus, boolean specPending) {
        return switch (cinderStatus) {
            case "creating" -> Outcome.progressing(SnapshotState.Creating, "Cinder is creating the snapshot");
            case "available" -> specPending
                    ? new Outcome(SnapshotState.UpdateScheduled, Reason.Progressing, "Spec changes to push to Cinder")
                    : Outcome.ok();
            case "error" -> Outcome.erred(Reason.BackendError, "Cinder reports the snapshot in status error");
            case "deleting" -> Outcome.progressing(SnapshotState.Deleting, "Cinder is deleting the snapshot");
            case "error_deleting" -> Outcome.erred(Reason.DeletionFailed,
                    "Cinder failed to delete the snapshot (status error_deleting)");
            default -> Outcome.progressing(SnapshotState.Updating, "Cinder reports status " + cinderStatus);
        };
    }

    /** The outcome when Cinder no longer has a snapshot we linked to. */
    public static Outcome vanished() {
        return Outcome.erred(Reason.NotFound, Outcome.NOT_FOUND_MESSAGE);
    }
}
