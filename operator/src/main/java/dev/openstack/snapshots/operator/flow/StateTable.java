package dev.openstack.snapshots.operator.flow;

import dev.openstack.snapshots.operator.api.SnapshotState;
import dev.openstack.snapshots.operator.status.Reason;

/**
 * ARCHITECTURE §2 as code, for both Cinder-backed kinds: what Cinder's status of a snapshot, or of a restored volume,
 * means for the object's state and condition reason, and which states are Ready and Progressing. The failures that
 * do not come from a Cinder status (InvalidConfiguration, TransientError, Expired...) are set where they happen.
 */
public final class StateTable {

    /** One row: the state and reason of a Cinder status, with a message for humans (null: the kind words it). */
    public record Row(SnapshotState state, Reason reason, String message) {

        public boolean ready() {
            return StateTable.ready(state);
        }

        public boolean progressing() {
            return StateTable.progressing(state);
        }
    }

    private StateTable() {
    }

    /** A snapshot Cinder reports with {@code status}; {@code specPending}: the spec still has to be pushed. */
    public static Row snapshot(String status, boolean specPending) {
        return switch (status) {
            case "creating" -> new Row(SnapshotState.Creating, Reason.Progressing, "Cinder is creating the snapshot");
            case "available" -> specPending
                    ? new Row(SnapshotState.UpdateScheduled, Reason.Progressing, "Spec changes to push to Cinder")
                    : new Row(SnapshotState.OK, Reason.Success, "");
            case "error" -> new Row(SnapshotState.Erred, Reason.BackendError, "Cinder reports the snapshot in status error");
            case "deleting" -> new Row(SnapshotState.Deleting, Reason.Progressing, "Cinder is deleting the snapshot");
            case "error_deleting" -> new Row(SnapshotState.Erred, Reason.DeletionFailed,
                    "Cinder failed to delete the snapshot (status error_deleting)");
            default -> new Row(SnapshotState.Updating, Reason.Progressing, "Cinder reports status " + status);
        };
    }

    /**
     * A restored volume Cinder reports with {@code status}. Anything neither in progress nor an error is a usable volume
     * (available, in-use, attaching...): what happens to the volume after the restore is not the restoration's business.
     */
    public static Row volume(String status) {
        String s = status == null ? "" : status;
        return switch (s) {
            case "creating", "downloading" -> new Row(SnapshotState.Creating, Reason.Progressing, null);
            case "deleting" -> new Row(SnapshotState.Deleting, Reason.Progressing, null);
            case "error_deleting" -> new Row(SnapshotState.Erred, Reason.DeletionFailed, null);
            default -> s.startsWith("error") ? new Row(SnapshotState.Erred, Reason.BackendError, null)
                    : new Row(SnapshotState.OK, Reason.Success, null);
        };
    }

    /** Gone from Cinder behind the operator's back. */
    public static final String NOT_FOUND = "Does not exist at backend";

    /** Ready=True: usable, also while an update is pushed. */
    public static boolean ready(SnapshotState state) {
        return state == SnapshotState.OK || state == SnapshotState.Updating || state == SnapshotState.UpdateScheduled;
    }

    /** Progressing=True: the operator or Cinder is still working on it; OK and Erred are at rest. */
    public static boolean progressing(SnapshotState state) {
        return switch (state) {
            case CreationScheduled, Creating, UpdateScheduled, Updating, DeletionScheduled, Deleting -> true;
            case OK, Erred -> false;
        };
    }
}
