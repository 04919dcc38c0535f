package dev.openstack.snapshots.operator.snapshot;

import dev.openstack.snapshots.operator.api.SnapshotState;

/**
 * Where a reconciliation leaves the object: its state, the reason of its conditions and a message for
 * humans. Terminal outcomes are not retried until the spec or the Secret changes.
 */
public record Outcome(SnapshotState state, Reason reason, String message) {

    public static final String NOT_FOUND_MESSAGE = "Does not exist at backend";

    public static Outcome progressing(SnapshotState state, String message) {
        return new Outcome(state, Reason.Progressing, message);
    }

    public static Outcome ok() {
        return new Outcome(SnapshotState.OK, Reason.Success, "");
    }

    public static Outcome erred(Reason reason, String message) {
        return new Outcome(SnapshotState.Erred, reason, message);
    }

    /**
     * This outcome, read from a view that may be stale because the cloud's listings fail: reason
     * TransientError with {@code trouble} as message. Terminal outcomes stay as they are.
     */
    public Outcome withCloudTrouble(String trouble) {
        return terminal() ? this : new Outcome(state, Reason.TransientError, trouble);
    }

    public boolean ready() {
        return state == SnapshotState.OK || state == SnapshotState.Updating || state == SnapshotState.UpdateScheduled;
    }

    public boolean progressingNow() {
        return switch (state) {
            case CreationScheduled, Creating, UpdateScheduled, Updating, DeletionScheduled, Deleting -> true;
            case OK, Erred -> false;
        };
    }

    /** Terminal: nothing will change without a new spec, a new Secret, a pull, or a change in Cinder. */
    public boolean terminal() {
        return state == SnapshotState.Erred;
    }
}
