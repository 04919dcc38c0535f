package dev.openstack.snapshots.operator.snapshot;

import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotStatus;
import dev.openstack.snapshots.operator.api.SnapshotState;
import dev.openstack.snapshots.operator.cinder.CinderSnapshot;
import dev.openstack.snapshots.operator.status.Conditions.Wanted;
import dev.openstack.snapshots.operator.status.Conditions;
import dev.openstack.snapshots.operator.status.Reason;
import dev.openstack.snapshots.operator.status.StatusPatcher;
import java.time.Instant;
import java.util.LinkedHashMap;

/** Builds the next status from the previous one, an outcome and what Cinder reported. */
public final class SnapshotStatusBuilder {

    private final Conditions conditions;

    public SnapshotStatusBuilder(Conditions conditions) {
        this.conditions = conditions;
    }

    /** A copy of the object's status (an empty one when it has none yet). */
    public static OpenStackSnapshotStatus copyOf(OpenStackSnapshot snapshot) {
        return StatusPatcher.copyOf(snapshot.getStatus(), OpenStackSnapshotStatus::new);
    }

    /**
     * The status after {@code outcome}; {@code cinder} (nullable) fills the fields Cinder owns. The retention in force
     * is the spec's (none when it cannot be parsed: that is reported as the outcome).
     */
    public OpenStackSnapshotStatus next(OpenStackSnapshot snapshot, Outcome outcome, CinderSnapshot cinder) {
        OpenStackSnapshotStatus status = copyOf(snapshot);
        Instant keptUntil = SnapshotFacts.keptUntilOrNull(snapshot);
        long generation = generationOf(snapshot);
        status.setState(outcome.state());
        status.setConditions(conditions.with(status.getConditions(), generation, ready(outcome), progressing(outcome)));
        boolean failed = outcome.terminal() || outcome.reason() == Reason.TransientError;
        status.setErrorMessage(failed ? outcome.message() : "");
        status.setAction(actionOf(outcome.state()));
        status.setActionDetails(new LinkedHashMap<>());
        status.setObservedGeneration(generation);
        status.setDeletionPolicy(SnapshotFacts.deletionPolicyOf(snapshot));
        status.setKeptUntil(keptUntil == null ? null : keptUntil.toString());
        if (cinder != null) {
            status.setBackendID(cinder.id());
            status.setRuntimeState(cinder.status());
            status.setSizeMiB(cinder.sizeGiB() * 1024L);
            status.setCreated(cinder.createdAt() == null ? null : cinder.createdAt().toString());
            status.setModified(cinder.updatedAt() == null ? null : cinder.updatedAt().toString());
        }
        return status;
    }

    /** The status after a transient failure: state kept, Progressing True/TransientError, the message recorded. */
    public OpenStackSnapshotStatus transientError(OpenStackSnapshot snapshot, String message) {
        OpenStackSnapshotStatus status = copyOf(snapshot);
        if (status.getState() == null) {
            status.setState(SnapshotState.CreationScheduled);
        }
        status.setConditions(conditions.retrying(status.getConditions(), generationOf(snapshot), message));
        status.setErrorMessage(message);
        return status;
    }

    /** Ready (ARCHITECTURE §2): Unknown while Cinder cannot be read, True while usable, else False with the reason. */
    static Wanted ready(Outcome outcome) {
        if (outcome.unobserved()) {
            return Wanted.readyUnknown(Reason.TransientError, outcome.message());
        }
        Reason reason = outcome.ready() ? Reason.Success
                : outcome.reason() == Reason.Success ? Reason.Progressing : outcome.reason();
        return Wanted.ready(outcome.ready(), reason, outcome.message());
    }

    /** Progressing: True while work or a retry is under way (a transient error is progress, whatever the state). */
    static Wanted progressing(Outcome outcome) {
        Reason reason = outcome.reason() == Reason.TransientError || outcome.reason() == Reason.RestorationInProgress
                ? outcome.reason() : outcome.progressingNow() ? Reason.Progressing : outcome.reason();
        boolean progressing = outcome.progressingNow() || outcome.reason() == Reason.TransientError;
        return Wanted.progressing(progressing, reason, outcome.message());
    }

    static String actionOf(SnapshotState state) {
        return switch (state) {
            case CreationScheduled, Creating -> "Creating";
            case UpdateScheduled, Updating -> "Updating";
            case DeletionScheduled, Deleting -> "Deleting";
            case OK, Erred -> "";
        };
    }

    private static long generationOf(OpenStackSnapshot snapshot) {
        Long g = snapshot.getMetadata().getGeneration();
        return g == null ? 0L : g;
    }
}
