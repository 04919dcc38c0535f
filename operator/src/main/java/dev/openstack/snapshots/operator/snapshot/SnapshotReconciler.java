package dev.openstack.snapshots.operator.snapshot;

import static dev.openstack.snapshots.operator.api.OpenStackSnapshot.PULL_ANNOTATION;

import dev.openstack.snapshots.operator.adoption.UnansweredCreates;
import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.SnapshotState;
import dev.openstack.snapshots.operator.cinder.BlockStorage;
import dev.openstack.snapshots.operator.cinder.CinderSnapshot;
import dev.openstack.snapshots.operator.cinder.TransientCinderException;
import dev.openstack.snapshots.operator.observation.Observed;
import dev.openstack.snapshots.operator.restoration.RestorationSummaries;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Orchestrates one OpenStackSnapshot: observe (the poller's view) → decide ({@link StateMapping},
 * {@link DesiredSnapshot}) → act ({@link SnapshotCreation}, {@link SnapshotUpdate}, {@link SnapshotExpiry}, all
 * through {@link SnapshotActuator}) → record ({@link SnapshotStatusBuilder}, {@link StatusWriter}). Deletion is
 * {@link SnapshotDeletion}. Never writes spec.
 */
@ControllerConfiguration(name = SnapshotReconciler.NAME, finalizerName = OpenStackSnapshot.FINALIZER)
public final class SnapshotReconciler implements Reconciler<OpenStackSnapshot>, Cleaner<OpenStackSnapshot> {

    public static final String NAME = "openstacksnapshot";
    private static final Duration RESTORATION_RECHECK = Duration.ofSeconds(5);

    private final SnapshotParts parts;
    private final SnapshotDeletion deletion;
    private final UnansweredCreates unansweredCreates = new UnansweredCreates();
    private final SnapshotCreation creation;
    private final SnapshotUpdate update;
    private final SnapshotExpiry expiry;
    private final Duration resync;

    public SnapshotReconciler(SnapshotParts parts, Duration resync) {
        this.parts = parts;
        this.deletion = new SnapshotDeletion(parts);
        this.creation = new SnapshotCreation(parts, unansweredCreates);
        this.update = new SnapshotUpdate(parts);
        this.expiry = new SnapshotExpiry(parts);
        this.resync = resync;
    }

    @Override
    public List<EventSource<?, OpenStackSnapshot>> prepareEventSources(EventSourceContext<OpenStackSnapshot> context) {
        return List.of(parts.secrets().eventSource(context), parts.observationEvents(),
                RestorationSummaries.eventSource(context));
    }

    @Override
    public UpdateControl<OpenStackSnapshot> reconcile(OpenStackSnapshot snapshot, Context<OpenStackSnapshot> context) {
        RestorationSummaries.publish(parts.kubernetes(), snapshot, RestorationSummaries.restorationsOf(context));
        ResourceID id = ResourceID.fromResource(snapshot);
        Secret secret = parts.secrets().inUse(snapshot).orElse(null);
        String pull = SnapshotFacts.annotation(snapshot, PULL_ANNOTATION);
        var inputs = new TerminalFailures.Inputs(snapshot.getMetadata().getGeneration(),
                secret == null ? null : secret.getMetadata().getResourceVersion(), pull);
        Instant keptUntil = null;
        try {
            keptUntil = SnapshotFacts.keptUntilOf(snapshot);
            if (keptUntil != null && parts.retention().hasPassed(keptUntil)) {
                expiry.expire(snapshot, keptUntil);
                return UpdateControl.noUpdate();
            }
            if (parts.failures().stillFailing(id, inputs)) {
                return next(keptUntil);
            }
            BlockStorage storage = parts.connector().connect(parts.secrets().require(snapshot, secret),
                    snapshot.getSpec().getCloudCredentialsRef().getCloudName());
            String backendId = SnapshotFacts.linkedId(snapshot);
            if (backendId == null) {
                Optional<CinderSnapshot> owned = parts.observer().findOwned(snapshot, storage);
                if (owned.isEmpty()) {
                    unansweredCreates.requireSettled(id, id.toString());
                    creation.create(snapshot, storage, keptUntil);
                    return next(keptUntil);
                }
                unansweredCreates.forget(id);
                backendId = owned.get().id();
                parts.observer().record(snapshot, owned.get());
            }
            boolean pulling = pull != null && !pull.equals(SnapshotFacts.statusOf(snapshot).getLastHandledPullAt());
            Observed<CinderSnapshot> seen = parts.observer().observe(snapshot, storage, backendId, pulling);
            if (seen.isUnknown()) {
                // Not listed yet: the poller triggers us once it has listed the cloud, or failed to (then say so).
                Optional<String> trouble = parts.observer().cloudTrouble(snapshot);
                if (trouble.isPresent()) {
                    record(snapshot, Outcome.unobserved(SnapshotFacts.statusOf(snapshot).getState(), trouble.get()),
                            null, keptUntil, null);
                }
                return next(keptUntil);
            }
            CinderSnapshot actual = seen.value();
            Outcome outcome = StateMapping.vanished();
            if (seen.isPresent()) {
                DesiredSnapshot desired = DesiredSnapshot.of(snapshot);
                outcome = StateMapping.outcomeOf(actual.status(), desired.differsFrom(actual));
                if (outcome.state() == SnapshotState.UpdateScheduled) {
                    snapshot = record(snapshot, Outcome.progressing(SnapshotState.Updating, "Pushing the spec to Cinder"),
                            actual, keptUntil, null);
                    actual = update.pushUnlessVanished(storage, snapshot, desired, actual).orElse(null);
                    outcome = actual == null ? StateMapping.vanished()
                            : StateMapping.outcomeOf(actual.status(), desired.differsFrom(actual));
                }
            }
            outcome = parts.observer().cloudTrouble(snapshot).map(outcome::withCloudTrouble).orElse(outcome);
            record(snapshot, outcome, actual, keptUntil, pulling ? pull : null);
            parts.failures().forget(id);
            return next(keptUntil);
        } catch (TransientCinderException e) {
            throw e; // JOSDK retries with per-object exponential backoff; updateErrorStatus records it
        } catch (RuntimeException e) {
            Outcome terminal = FailureClassifier.terminal(e).orElseThrow(() -> e);
            parts.failures().remember(id, inputs);
            record(snapshot, terminal, null, keptUntil, pull);
            return next(keptUntil);
        }
    }

    @Override
    public DeleteControl cleanup(OpenStackSnapshot snapshot, Context<OpenStackSnapshot> context) {
        if (parts.secrets().alreadyLetGo(snapshot)) {
            return DeleteControl.defaultDelete(); // a retry of the finalizer removal: Cinder is done, no Secret needed
        }
        var restorations = RestorationSummaries.restorationsOf(context);
        RestorationSummaries.publish(parts.kubernetes(), snapshot, restorations);
        Optional<String> restoring = RestorationSummaries.inProgress(restorations);
        if (restoring.isPresent() && !"true".equals(SnapshotFacts.annotation(snapshot, OpenStackSnapshot.UNLINK_ANNOTATION))) {
            record(snapshot, new Outcome(SnapshotState.DeletionScheduled, Reason.RestorationInProgress, restoring.get()),
                    null, SnapshotFacts.keptUntilOrNull(snapshot), null);
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(RESTORATION_RECHECK);
        }
        DeleteControl control = deletion.cleanup(snapshot, parts.secrets().inUse(snapshot).orElse(null));
        if (control.isRemoveFinalizer()) {
            unansweredCreates.forget(ResourceID.fromResource(snapshot));
            parts.secrets().letGo(snapshot); // before our finalizer goes: a crash in between keeps the object, not the hold
        }
        return control;
    }

    @Override
    public ErrorStatusUpdateControl<OpenStackSnapshot> updateErrorStatus(OpenStackSnapshot snapshot,
            Context<OpenStackSnapshot> context, Exception e) {
        Throwable cause = e instanceof TransientCinderException || e.getCause() == null ? e : e.getCause();
        if (cause instanceof KubernetesClientException k && k.getCode() == 409) {
            return ErrorStatusUpdateControl.noStatusUpdate(); // a conflict is not news
        }
        String message = cause instanceof RuntimeException r ? FailureClassifier.messageOf(r) : String.valueOf(cause);
        try {
            // From the live object: this reconcile may have written status (the source, before a create) since
            // JOSDK took its copy, and that must not be lost.
            OpenStackSnapshot live = parts.kubernetes().resources(OpenStackSnapshot.class)
                    .inNamespace(snapshot.getMetadata().getNamespace()).withName(snapshot.getMetadata().getName()).get();
            if (live != null) {
                parts.recorder().transientError(live, message);
            }
        } catch (KubernetesClientException ignored) {
            // the retry will record it
        }
        return ErrorStatusUpdateControl.noStatusUpdate();
    }

    private OpenStackSnapshot record(OpenStackSnapshot snapshot, Outcome outcome, CinderSnapshot actual,
            Instant keptUntil, String handledPull) {
        return parts.recorder().record(snapshot, outcome, actual, keptUntil, handledPull, null);
    }

    private UpdateControl<OpenStackSnapshot> next(Instant keptUntil) {
        Duration delay = resync;
        if (keptUntil != null) {
            Duration untilExpiry = parts.retention().until(keptUntil);
            delay = untilExpiry.compareTo(resync) < 0 ? untilExpiry : resync;
        }
        return UpdateControl.<OpenStackSnapshot>noUpdate().rescheduleAfter(delay);
    }
}
