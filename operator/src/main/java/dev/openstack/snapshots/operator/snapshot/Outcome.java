package dev.openstack.snapshots.operator.snapshot;

import dev.openstack.snapshots.operator.api.SnapshotState;
import dev.openstack.snapshots.operator.flow.StateTable;
import dev.openstack.snapshots.operator.status.Reason;

/**
 * Where a reconciliation leaves the object: its state, the reason of its conditions and a message for
 * humans. Terminal outcomes are not retried until the spec or the Secret changes.
 */
public record Outcome(SnapshotState state, Reason reason, String message, boolean unobserved) {

    public static final String NOT_FOUND_MESSAGE = StateTable.NOT_FOUND;

    public Outcome(SnapshotState state, Reason reason, String message) {
        this(state, reason, message, false);
    }

    /**
     * Cinder cannot be read (its listings fail): the state is the last one known, Ready is Unknown and Progressing
     * says TransientError with {@code trouble}, until a listing works again.
     */
    public static Outcome unobserved(SnapshotState lastKnown, String trouble) {
        return new Outcome(lastKnown == null ? SnapshotState.CreationScheduled : lastKnown, Reason.TransientError,
                trouble, true);
    }

    /** The outcome of a snapshot Cinder reports with {@code cinderStatus} ({@link StateTable#snapshot}). */
    public static Outcome ofCinder(String cinderStatus, boolean specPending) {
        StateTable.Row row = StateTable.snapshot(cinderStatus, specPending);
        return new Outcome(row.state(), row.reason(), row.message());
    }

    /** The outcome when Cinder no longer has a snapshot we linked to. */
    public static Outcome vanished() {
        return erred(Reason.NotFound, NOT_FOUND_MESSAGE);
    }

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
     * This outcome, read from a view that may be stale because the cloud's listings fail: Ready Unknown, reason
     * TransientError with {@code trouble} as message. Terminal outcomes stay as they are.
     */
    public Outcome withCloudTrouble(String trouble) {
        return terminal() ? this : unobserved(state, trouble);
    }

    public boolean ready() {
        return StateTable.ready(state);
    }

    public boolean progressingNow() {
        return StateTable.progressing(state);
    }

    /** Terminal: nothing will change without a new spec, a new Secret, a pull, or a change in Cinder. */
    public boolean terminal() {
        return state == SnapshotState.Erred;
    }
}
