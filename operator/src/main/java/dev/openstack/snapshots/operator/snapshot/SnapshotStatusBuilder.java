package dev.openstack.snapshots.operator.snapshot;

import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotStatus;
import dev.openstack.snapshots.operator.api.SnapshotState;
import dev.openstack.snapshots.operator.cinder.CinderSnapshot;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Instant;
import java.util.LinkedHashMap;

/** Builds the next status from the previous one, an outcome and what Cinder reported. */
public final class SnapshotStatusBuilder {

    private final SnapshotConditions conditions;

    public SnapshotStatusBuilder(SnapshotConditions conditions) {
        this.conditions = conditions;
    }

    /** A copy of the object's status (an empty one when it has none yet). */
    public static OpenStackSnapshotStatus copyOf(OpenStackSnapshot snapshot) {
        OpenStackSnapshotStatus status = snapshot.getStatus();
        return status == null ? new OpenStackSnapshotStatus()
                : Serialization.clone(status);
    }

    /** The status after {@code outcome}; {@code cinder} (nullable) fills the fields Cinder owns. */
    public OpenStackSnapshotStatus next(OpenStackSnapshot snapshot, Outcome outcome, CinderSnapshot cinder,
            Instant keptUntil) {
        OpenStackSnapshotStatus status = copyOf(snapshot);
        long generation = generationOf(snapshot);
        status.setState(outcome.state());
        status.setConditions(conditions.of(outcome, generation, status.getConditions()));
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
        status.setConditions(conditions.transientError(message, generationOf(snapshot), status.getConditions()));
        status.setErrorMessage(message);
        return status;
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
