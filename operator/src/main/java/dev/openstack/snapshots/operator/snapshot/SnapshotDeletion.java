package dev.openstack.snapshots.operator.snapshot;

import static dev.openstack.snapshots.operator.api.OpenStackSnapshot.UNLINK_ANNOTATION;

import dev.openstack.snapshots.operator.api.DeletionPolicy;
import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.SnapshotState;
import dev.openstack.snapshots.operator.cinder.BlockStorage;
import dev.openstack.snapshots.operator.cinder.CinderSnapshot;
import dev.openstack.snapshots.operator.cinder.DeleteOutcome;
import dev.openstack.snapshots.operator.cinder.TerminalCinderException;
import dev.openstack.snapshots.operator.cinder.TransientCinderException;
import dev.openstack.snapshots.operator.cloud.CloudConfigurationException;
import dev.openstack.snapshots.operator.observation.Observed;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Instant;

/**
 * Deleting an OpenStackSnapshot: forget it (unlink annotation or deletionPolicy Retain, in any state),
 * or delete it in Cinder and release the finalizer once Cinder no longer has it. Without a backendID,
 * the owner tag is looked up first so that a snapshot created just before a crash is not leaked.
 */
final class SnapshotDeletion {

    private static final long WAIT_MILLIS = 30_000;

    private final SnapshotParts parts;

    SnapshotDeletion(SnapshotParts parts) {
        this.parts = parts;
    }

    DeleteControl cleanup(OpenStackSnapshot snapshot, Secret secret) {
        String linked = SnapshotFacts.linkedId(snapshot);
        if ("true".equals(SnapshotFacts.annotation(snapshot, UNLINK_ANNOTATION))) {
            return forgotten(snapshot, "Unlinked: Cinder snapshot " + orNone(linked) + " was left in place");
        }
        if (snapshot.getSpec().getDeletionPolicy() == DeletionPolicy.Retain) {
            return forgotten(snapshot, "deletionPolicy Retain: Cinder snapshot " + orNone(linked) + " was left in place");
        }
        Instant keptUntil = null;
        try {
            keptUntil = SnapshotFacts.keptUntilOf(snapshot);
        } catch (InvalidSpecException ignored) {
            // irrelevant for deletion
        }
        try {
            BlockStorage storage = parts.connector().connect(parts.secrets().require(snapshot, secret),
                    snapshot.getSpec().getCloudCredentialsRef().getCloudName());
            String id = linked != null ? linked
                    : parts.observer().findOwned(snapshot, storage).map(CinderSnapshot::id).orElse(null);
            if (id == null) {
                return gone(snapshot, "Deleted; nothing had been created in Cinder");
            }
            Observed<CinderSnapshot> seen = parts.observer().observe(snapshot, storage, id, false);
            if (seen.isUnknown()) {
                seen = parts.observer().observe(snapshot, storage, id, true);
            }
            if (seen.isAbsent()) {
                return gone(snapshot, "Deleted Cinder snapshot " + id);
            }
            CinderSnapshot actual = seen.value();
            switch (actual.status()) {
                case "creating" -> parts.recorder().record(snapshot, Outcome.progressing(SnapshotState.DeletionScheduled,
                        "Waiting for Cinder to finish creating before deleting"), actual, keptUntil);
                case "deleting" -> parts.recorder().record(snapshot, Outcome.progressing(SnapshotState.Deleting,
                        "Cinder is deleting the snapshot"), actual, keptUntil);
                case "error_deleting" -> parts.recorder().record(snapshot, StateMapping.outcomeOf("error_deleting", false),
                        actual, keptUntil);
                default -> {
                    if (parts.actuator().delete(storage, snapshot, id) == DeleteOutcome.ALREADY_GONE) {
                        return gone(snapshot, "Deleted Cinder snapshot " + id);
                    }
                    CinderSnapshot deleting = new CinderSnapshot(actual.id(), actual.name(), actual.description(),
                            "deleting", actual.volumeId(), actual.sizeGiB(), actual.metadata(), actual.createdAt(),
                            actual.updatedAt());
                    parts.observer().record(snapshot, deleting);
                    parts.recorder().record(snapshot, Outcome.progressing(SnapshotState.Deleting,
                            "Cinder is deleting the snapshot"), deleting, keptUntil);
                }
            }
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(WAIT_MILLIS);
        } catch (TransientCinderException e) {
            throw e;
        } catch (TerminalCinderException e) {
            // e.g. 400 "status must be available or error" when Cinder's status moved since the last listing
            parts.recorder().record(snapshot, new Outcome(SnapshotState.DeletionScheduled, Reason.TransientError,
                    FailureClassifier.messageOf(e)), null, keptUntil);
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(WAIT_MILLIS / 10);
        } catch (CloudConfigurationException e) {
            // a fixed Secret re-triggers us; the unlink annotation lets the object go without Cinder
            parts.recorder().record(snapshot, Outcome.erred(Reason.InvalidConfiguration, e.getMessage()), null, keptUntil);
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(WAIT_MILLIS * 10);
        }
    }

    private DeleteControl forgotten(OpenStackSnapshot snapshot, String message) {
        return gone(snapshot, message);
    }

    private DeleteControl gone(OpenStackSnapshot snapshot, String message) {
        parts.observer().forget(snapshot);
        parts.failures().forget(ResourceID.fromResource(snapshot));
        parts.events().normal(snapshot, "Deleted", message);
        return DeleteControl.defaultDelete();
    }

    private static String orNone(String id) {
        return id == null ? "(none)" : id;
    }
}
