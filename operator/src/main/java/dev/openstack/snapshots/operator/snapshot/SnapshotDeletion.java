package dev.openstack.snapshots.operator.snapshot;

import static dev.openstack.snapshots.operator.api.OpenStackSnapshot.UNLINK_ANNOTATION;

import dev.openstack.snapshots.operator.adoption.CreateGuard;
import dev.openstack.snapshots.operator.api.DeletionPolicy;
import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.SnapshotState;
import dev.openstack.snapshots.operator.cinder.BlockStorage;
import dev.openstack.snapshots.operator.cinder.CinderSnapshot;
import dev.openstack.snapshots.operator.cinder.DeleteOutcome;
import dev.openstack.snapshots.operator.cinder.TerminalCinderException;
import dev.openstack.snapshots.operator.cinder.TransientCinderException;
import dev.openstack.snapshots.operator.cloud.CloudConfigurationException;
import dev.openstack.snapshots.operator.events.TransitionEvents;
import dev.openstack.snapshots.operator.observation.Observed;
import dev.openstack.snapshots.operator.source.SharedProjectRules;
import dev.openstack.snapshots.operator.status.Reason;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Deleting an OpenStackSnapshot: forget it (unlink annotation or deletionPolicy Retain, in any state),
 * or delete it in Cinder and release the finalizer once Cinder no longer has it. Without a backendID,
 * the owner tag is looked up first so that a snapshot created just before a crash is not leaked.
 */
final class SnapshotDeletion {

    private static final long WAIT_MILLIS = 30_000;

    private final SnapshotObserver observer;
    private final SnapshotRecorder recorder;
    private final TransitionEvents events;
    private final CreateGuard guard;
    private final Clock clock;
    private final SharedProjectRules sharedProject;

    SnapshotDeletion(SnapshotObserver observer, SnapshotRecorder recorder, TransitionEvents events, CreateGuard guard,
            Clock clock, SharedProjectRules sharedProject) {
        this.observer = observer;
        this.recorder = recorder;
        this.events = events;
        this.guard = guard;
        this.clock = clock;
        this.sharedProject = sharedProject;
    }

    /**
     * @param connect the connection to Cinder (through the object's Secret), made only when Cinder must be called
     * @param sameBackendId the objects (any watched namespace) naming a Cinder id, to tell whose an import is
     * @param unlinked whether the unlink annotation asks to forget the object ({@link UnlinkAnnotation})
     */
    DeleteControl cleanup(OpenStackSnapshot snapshot, Supplier<BlockStorage> connect,
            Function<String, List<OpenStackSnapshot>> sameBackendId, boolean unlinked) {
        String linked = SnapshotFacts.linkedId(snapshot);
        if (unlinked) {
            return forgotten(snapshot, "Unlinked: Cinder snapshot " + orNone(linked) + " was left in place");
        }
        if (SnapshotFacts.deletionPolicyOf(snapshot) == DeletionPolicy.Retain) {
            return forgotten(snapshot, "deletionPolicy Retain: Cinder snapshot " + orNone(linked) + " was left in place");
        }
        boolean imported = snapshot.getSpec().getBackendID() != null;
        if (imported && !sharedProject.importsAllowed()) {
            return forgotten(snapshot, "SHARED_OPENSTACK_PROJECT: imported Cinder snapshot " + linked + " was left in place");
        }
                if (linked == null && neverSent(snapshot)) {
            // Nothing can carry our tag: no Cinder call, and so no Secret needed (it may be gone already).
            return gone(snapshot, "Deleted; nothing had been created in Cinder");
        }
        try {
            BlockStorage storage = connect.get();
            SnapshotActuator actuator = new SnapshotActuator(storage);
            if (imported) {
                // deleting is the one thing an import must never do to a snapshot that is not provably its own
                Observed<CinderSnapshot> now = observer.observe(snapshot, storage, linked, true);
                Optional<String> notOurs = ImportClaims.refusal(snapshot, now.isPresent() ? now.value() : null,
                        sameBackendId.apply(linked));
                if (notOurs.isPresent()) {
                    return forgotten(snapshot, "Cinder snapshot " + linked + " was left in place: " + notOurs.get());
                }
            }
            String id = linked;
            if (id == null) {
                // decide on the object as the API server has it: the informer's copy may predate a link or a mark
                OpenStackSnapshot live = recorder.fresh(snapshot);
                snapshot = live == null ? snapshot : live;
                id = SnapshotFacts.linkedId(snapshot);
            }
            if (id == null) {
                Instant listedAt = clock.instant();
                id = owned(snapshot, actuator).stream().findFirst().map(CinderSnapshot::id).orElse(null);
                Optional<Instant> wait = guard.mustWaitUntil(requestedAt(snapshot), listedAt);
                if (id == null && wait.isPresent()) {
                    // a create whose answer never came may still be made by Cinder: letting go now would leak it
                    recorder.record(snapshot, Outcome.progressing(SnapshotState.DeletionScheduled,
                            "Waiting until " + wait.get() + " for a create that got no answer before deleting"));
                    return DeleteControl.noFinalizerRemoval().rescheduleAfter(
                            guard.nextLookup(clock.instant(), wait.get()).toMillis());
                }
                if (id == null) {
                    return gone(snapshot, "Deleted; nothing had been created in Cinder");
                }
            }
            Observed<CinderSnapshot> seen = observer.observe(snapshot, storage, id, false);
            if (seen.isUnknown()) {
                seen = observer.observe(snapshot, storage, id, true);
            }
            if (seen.isAbsent()) {
                // Before letting go, make sure no other snapshot carries our tag (a create that timed out
                // may have landed after a second one was made): it would be leaked with nobody to delete it.
                String deleted = id;
                Optional<CinderSnapshot> leftover = snapshot.getSpec().getBackendID() != null ? Optional.empty()
                        : owned(snapshot, actuator).stream().filter(s -> !s.id().equals(deleted)).findFirst();
                if (leftover.isEmpty()) {
                    return gone(snapshot, "Deleted Cinder snapshot " + id);
                }
                id = leftover.get().id();
                seen = observer.observe(snapshot, storage, id, true); // watched: the poller tells us when it is gone
                if (seen.isAbsent()) {
                    return DeleteControl.noFinalizerRemoval().rescheduleAfter(1_000);
                }
            }
            CinderSnapshot actual = seen.value();
            switch (actual.status()) {
                case "creating" -> recorder.record(snapshot, Outcome.progressing(SnapshotState.DeletionScheduled,
                        "Waiting for Cinder to finish creating before deleting"), actual);
                case "deleting" -> recorder.record(snapshot, Outcome.progressing(SnapshotState.Deleting,
                        "Cinder is deleting the snapshot"), actual);
                case "error_deleting" -> recorder.record(snapshot, StateMapping.outcomeOf("error_deleting", false), actual);
                default -> {
                    if (actuator.delete(snapshot, id) == DeleteOutcome.ALREADY_GONE) {
                        return gone(snapshot, "Deleted Cinder snapshot " + id);
                    }
                    CinderSnapshot deleting = new CinderSnapshot(actual.id(), actual.name(), actual.description(),
                            "deleting", actual.volumeId(), actual.sizeGiB(), actual.metadata(), actual.createdAt(),
                            actual.updatedAt());
                    observer.record(snapshot, deleting);
                    observer.changeRequested(snapshot);
                    recorder.record(snapshot, Outcome.progressing(SnapshotState.Deleting,
                            "Cinder is deleting the snapshot"), deleting);
                }
            }
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(WAIT_MILLIS);
        } catch (TransientCinderException e) {
            // Say so while JOSDK retries with backoff: the object is being deleted, Cinder keeps failing.
            recorder.record(snapshot, new Outcome(SnapshotState.Deleting, Reason.TransientError,
                    "Deleting: " + FailureClassifier.messageOf(e)));
            throw e;
        } catch (TerminalCinderException e) {
            if (e.httpStatus() == 401) { // Keystone refused the credentials: no retry fixes that
                return blockedByCredentials(snapshot, FailureClassifier.messageOf(e));
            }
            // e.g. 400 "status must be available or error" when Cinder's status moved since the last listing
            recorder.record(snapshot, new Outcome(SnapshotState.DeletionScheduled, Reason.TransientError,
                    FailureClassifier.messageOf(e)));
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(WAIT_MILLIS / 10);
        } catch (CloudConfigurationException e) {
            return blockedByCredentials(snapshot, e.getMessage());
        }
    }

    /**
     * The Secret cannot be used: waiting will not help, the user has to act. A fixed Secret re-triggers
     * us (Secret watch); the unlink annotation lets the object go without any Cinder call.
     */
    private DeleteControl blockedByCredentials(OpenStackSnapshot snapshot, String cause) {
        String message = "Cannot delete: " + cause + ". Fix Secret " + snapshot.getMetadata().getNamespace() + "/"
                + snapshot.getSpec().getCloudCredentialsRef().getSecretName() + ", or set the annotation "
                + UNLINK_ANNOTATION + ": \"true\" to let the object go and leave the Cinder snapshot in place";
        recorder.record(snapshot, Outcome.erred(Reason.InvalidConfiguration, message));
        return DeleteControl.noFinalizerRemoval().rescheduleAfter(WAIT_MILLIS * 10);
    }

    /** The Cinder snapshots wholly this object's (owner tags and source volume), oldest first. */
    private static List<CinderSnapshot> owned(OpenStackSnapshot snapshot, SnapshotActuator actuator) {
        return actuator.findOwned(snapshot).ours();
    }

    private static Instant requestedAt(OpenStackSnapshot snapshot) {
        String at = SnapshotFacts.statusOf(snapshot).getCreateRequestedAt();
        return at == null || at.isEmpty() ? null : Instant.parse(at);
    }

    private DeleteControl forgotten(OpenStackSnapshot snapshot, String message) {
        return gone(snapshot, message);
    }

    private DeleteControl gone(OpenStackSnapshot snapshot, String message) {
        observer.forget(snapshot);
        events.normal(snapshot, "Deleted", message);
        return DeleteControl.defaultDelete();
    }

    /** Decided on the object as the API server has it: the informer's copy may predate a create mark. */
    private boolean neverSent(OpenStackSnapshot snapshot) {
        if (!SnapshotFacts.createNeverSent(snapshot)) {
            return false;
        }
        OpenStackSnapshot live = recorder.fresh(snapshot);
        return live == null || (SnapshotFacts.linkedId(live) == null && SnapshotFacts.createNeverSent(live));
    }

    private static String orNone(String id) {
        return id == null ? "(none)" : id;
    }
}
