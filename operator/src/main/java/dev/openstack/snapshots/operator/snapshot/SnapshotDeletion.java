package dev.openstack.snapshots.operator.snapshot;

import static dev.openstack.snapshots.operator.api.OpenStackSnapshot.UNLINK_ANNOTATION;

import dev.openstack.snapshots.operator.adoption.CreateGuard;
import dev.openstack.snapshots.operator.api.DeletionPolicy;
import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.SnapshotState;
import dev.openstack.snapshots.operator.cinder.BlockStorage;
import dev.openstack.snapshots.operator.cinder.CinderSnapshot;
import dev.openstack.snapshots.operator.cinder.TerminalCinderException;
import dev.openstack.snapshots.operator.cinder.TransientCinderException;
import dev.openstack.snapshots.operator.cloud.CloudConfigurationException;
import dev.openstack.snapshots.operator.events.TransitionEvents;
import dev.openstack.snapshots.operator.flow.CinderDeletion;
import dev.openstack.snapshots.operator.observation.Observed;
import dev.openstack.snapshots.operator.source.SharedProjectRules;
import dev.openstack.snapshots.operator.status.Reason;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Deleting an OpenStackSnapshot: forget it (unlink annotation or deletionPolicy Retain, in any state, or an import
 * that is not provably its own), or delete it in Cinder through the shared {@link CinderDeletion} and release the
 * finalizer once Cinder no longer has it.
 */
final class SnapshotDeletion {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final SnapshotObserver observer;
    private final SnapshotRecorder recorder;
    private final TransitionEvents events;
    private final CinderDeletion<OpenStackSnapshot, CinderSnapshot> deletion;
    private final SharedProjectRules sharedProject;

    SnapshotDeletion(SnapshotObserver observer, SnapshotRecorder recorder, TransitionEvents events, CreateGuard guard,
            Clock clock, SharedProjectRules sharedProject) {
        this.observer = observer;
        this.recorder = recorder;
        this.events = events;
        this.deletion = new CinderDeletion<>(guard, clock);
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
            return gone(snapshot, "Unlinked: Cinder snapshot " + orNone(linked) + " was left in place");
        }
        if (SnapshotFacts.deletionPolicyOf(snapshot) == DeletionPolicy.Retain) {
            return gone(snapshot, "deletionPolicy Retain: Cinder snapshot " + orNone(linked) + " was left in place");
        }
        boolean imported = snapshot.getSpec().getBackendID() != null;
        if (imported && !sharedProject.importsAllowed()) {
            return gone(snapshot, "SHARED_OPENSTACK_PROJECT: imported Cinder snapshot " + linked + " was left in place");
        }
        if (linked == null && neverSent(snapshot)) {
            // Nothing can carry our tag: no Cinder call, and so no Secret needed (it may be gone already).
            return gone(snapshot, "Deleted; nothing had been created in Cinder");
        }
        try {
            BlockStorage storage = connect.get();
            if (imported) {
                // deleting is the one thing an import must never do to a snapshot that is not provably its own
                Observed<CinderSnapshot> now = observer.observe(snapshot, storage, linked, true);
                Optional<String> notOurs = ImportClaims.refusal(snapshot, now.isPresent() ? now.value() : null,
                        sameBackendId.apply(linked));
                if (notOurs.isPresent()) {
                    return gone(snapshot, "Cinder snapshot " + linked + " was left in place: " + notOurs.get());
                }
            }
            var progress = deletion.delete(snapshot, new InCinder(storage), new SnapshotActuator(storage));
            if (progress instanceof CinderDeletion.Done done) {
                return gone(snapshot, done.lastId() == null ? "Deleted; nothing had been created in Cinder"
                        : "Deleted Cinder snapshot " + done.lastId());
            }
            return again(((CinderDeletion.Again) progress).delay().orElse(WAIT));
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
            return again(WAIT.dividedBy(10));
        } catch (CloudConfigurationException e) {
            return blockedByCredentials(snapshot, e.getMessage());
        }
    }

    /** The snapshot's side of {@link CinderDeletion}: the poller's view first, status per Cinder state. */
    private final class InCinder implements CinderDeletion.Records<OpenStackSnapshot, CinderSnapshot> {

        private final BlockStorage storage;

        InCinder(BlockStorage storage) {
            this.storage = storage;
        }

        @Override
        public OpenStackSnapshot fresh(OpenStackSnapshot cached) {
            return recorder.fresh(cached);
        }

        @Override
        public String linkedId(OpenStackSnapshot snapshot) {
            return SnapshotFacts.linkedId(snapshot);
        }

        @Override
        public Instant requestedAt(OpenStackSnapshot snapshot) {
            String at = SnapshotFacts.statusOf(snapshot).getCreateRequestedAt();
            return at == null || at.isEmpty() ? null : Instant.parse(at);
        }

        @Override
        public boolean sweepsOwned(OpenStackSnapshot snapshot) {
            return snapshot.getSpec().getBackendID() == null; // an import's tags are not ours
        }

        /** The poller's view, or a direct read when it has not listed the snapshot; watched, so it tells us when it goes. */
        @Override
        public Observed<CinderSnapshot> look(OpenStackSnapshot snapshot, String id) {
            Observed<CinderSnapshot> seen = observer.observe(snapshot, storage, id, false);
            return seen.isUnknown() ? observer.observe(snapshot, storage, id, true) : seen;
        }

        @Override
        public boolean mayDelete(CinderSnapshot actual) {
            return !"error_deleting".equals(actual.status()); // reported as DeletionFailed; an admin has to look
        }

        @Override
        public void waitingForCreate(OpenStackSnapshot snapshot, Instant until) {
            recorder.record(snapshot, Outcome.progressing(SnapshotState.DeletionScheduled,
                    "Waiting until " + until + " for a create that got no answer before deleting"));
        }

        @Override
        public void inCinder(OpenStackSnapshot snapshot, CinderSnapshot actual, boolean deleteSent) {
            if (deleteSent) {
                CinderSnapshot deleting = new CinderSnapshot(actual.id(), actual.name(), actual.description(),
                        "deleting", actual.volumeId(), actual.sizeGiB(), actual.metadata(), actual.createdAt(),
                        actual.updatedAt());
                observer.record(snapshot, deleting);
                observer.changeRequested(snapshot);
                recorder.record(snapshot, Outcome.progressing(SnapshotState.Deleting, "Cinder is deleting the snapshot"),
                        deleting);
                return;
            }
            recorder.record(snapshot, switch (actual.status()) {
                case "creating" -> Outcome.progressing(SnapshotState.DeletionScheduled,
                        "Waiting for Cinder to finish creating before deleting");
                case "error_deleting" -> Outcome.ofCinder("error_deleting", false);
                default -> Outcome.progressing(SnapshotState.Deleting, "Cinder is deleting the snapshot");
            }, actual);
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
        return again(WAIT.multipliedBy(10));
    }

    private DeleteControl gone(OpenStackSnapshot snapshot, String message) {
        observer.forget(snapshot);
        events.normal(snapshot, "Deleted", message);
        return DeleteControl.defaultDelete();
    }

    private static DeleteControl again(Duration delay) {
        return DeleteControl.noFinalizerRemoval().rescheduleAfter(delay.toMillis());
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
