package dev.openstack.snapshots.operator.snapshot;

import static dev.openstack.snapshots.operator.api.OpenStackSnapshot.PULL_ANNOTATION;

import dev.openstack.snapshots.operator.adoption.CreateGuard;
import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.SnapshotState;
import dev.openstack.snapshots.operator.cinder.BlockStorage;
import dev.openstack.snapshots.operator.cinder.CinderSnapshot;
import dev.openstack.snapshots.operator.cinder.TransientCinderException;
import dev.openstack.snapshots.operator.credentials.SecretHolds;
import dev.openstack.snapshots.operator.credentials.WatchedSecrets;
import dev.openstack.snapshots.operator.events.TransitionEvents;
import dev.openstack.snapshots.operator.flow.CreateOrAdopt;
import dev.openstack.snapshots.operator.flow.FailedReconcile;
import dev.openstack.snapshots.operator.flow.RefusalReports;
import dev.openstack.snapshots.operator.flow.TerminalFailures;
import dev.openstack.snapshots.operator.observation.BulkObservation;
import dev.openstack.snapshots.operator.observation.CloudConnector;
import dev.openstack.snapshots.operator.observation.ObservationEventSource;
import dev.openstack.snapshots.operator.observation.Observed;
import dev.openstack.snapshots.operator.restoration.RestorationSummaries;
import dev.openstack.snapshots.operator.source.SharedProjectRules;
import dev.openstack.snapshots.operator.source.SourceVolumeResolver;
import dev.openstack.snapshots.operator.status.Conditions;
import dev.openstack.snapshots.operator.status.Reason;
import dev.openstack.snapshots.operator.status.StatusPatcher;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Orchestrates one OpenStackSnapshot through the shared flow (docs/snapshots.md): gather the facts, decide a
 * {@link SnapshotStep}, carry it out - adopt or create ({@link CreateOrAdopt} with {@link SnapshotLinking}), observe
 * through the poller ({@link SnapshotObserver}), push ({@link SnapshotUpdate}), expire ({@link SnapshotExpiry}) - with
 * Cinder changed only by {@link SnapshotActuator} and status written by {@link SnapshotRecorder}. Deletion is
 * {@link SnapshotDeletion}. Tenancy: {@link SharedProjectRules} before any Cinder call, {@link ImportClaims} before an
 * import is pushed to or deleted. Never writes spec.
 */
@ControllerConfiguration(name = SnapshotReconciler.NAME, finalizerName = OpenStackSnapshot.FINALIZER)
public final class SnapshotReconciler implements Reconciler<OpenStackSnapshot>, Cleaner<OpenStackSnapshot> {

    public static final String NAME = "openstacksnapshot";
    /** Primary-cache index: the Cinder ids an object names (spec.backendID, status.backendID), to find co-claimants. */
    private static final String BY_BACKEND_ID = "by-backend-id";
    private static final Duration RESTORATION_RECHECK = Duration.ofSeconds(5);

    private final KubernetesClient kubernetes;
    private final CloudConnector connector;
    private final SnapshotSecrets secrets;
    private final ObservationEventSource<OpenStackSnapshot> observationEvents =
            new ObservationEventSource<>("snapshot-observation");
    private final SnapshotObserver observer;
    private final SnapshotRecorder recorder;
    private final TransitionEvents events;
    private final SourceVolumeResolver sources;
    private final Retention retention;
    private final TerminalFailures failures = new TerminalFailures();
    private final CreateOrAdopt<OpenStackSnapshot, CinderSnapshot> creation;
    private final SnapshotDeletion deletion;
    private final UnlinkAnnotation unlink;
    private final SnapshotDuplicates duplicates;
    private final SharedProjectRules sharedProject;
    private final SnapshotUpdate update;
    private final SnapshotExpiry expiry;
    private final Duration resync;

    /**
     * @param resync the longest time between two reconciles of an object
     * @param createGuard when a create whose answer never came may be repeated (from the OpenStack read timeout)
     * @param sharedProject which sources and imports the SHARED_OPENSTACK_PROJECT setting allows
     */
    public SnapshotReconciler(KubernetesClient kubernetes, BulkObservation observation, WatchedSecrets watched,
            SecretHolds holds, Clock clock, Duration resync, CreateGuard createGuard, SharedProjectRules sharedProject) {
        this.kubernetes = kubernetes;
        this.connector = observation.connector();
        this.secrets = new SnapshotSecrets(watched, holds);
        this.observer = new SnapshotObserver(observation, observationEvents);
        this.events = new TransitionEvents(kubernetes, clock);
        this.recorder = new SnapshotRecorder(new SnapshotStatusBuilder(new Conditions(clock)),
                new StatusPatcher<>(kubernetes, OpenStackSnapshot.class, new SnapshotStatusRules(clock, events)));
        this.sources = new SourceVolumeResolver(kubernetes);
        this.retention = new Retention(clock);
        this.sharedProject = sharedProject;
        RefusalReports refusals = new RefusalReports(events);
        this.creation = new CreateOrAdopt<>(createGuard, clock, refusals);
        this.deletion = new SnapshotDeletion(observer, recorder, events, createGuard, clock, sharedProject);
        this.unlink = new UnlinkAnnotation(events);
        this.duplicates = new SnapshotDuplicates(observer, refusals, events);
        this.update = new SnapshotUpdate(observer, events);
        this.expiry = new SnapshotExpiry(recorder, events, kubernetes);
        this.resync = resync;
    }

    /** What a terminal failure depends on besides the spec: the Secret's version and the pull annotation. */
    private record FailedWith(String secretResourceVersion, String pullRequestedAt) {
    }

    @Override
    public List<EventSource<?, OpenStackSnapshot>> prepareEventSources(EventSourceContext<OpenStackSnapshot> context) {
        context.getPrimaryCache().addIndexer(BY_BACKEND_ID, SnapshotReconciler::backendIdsOf);
        return List.of(secrets.eventSource(context), observationEvents, RestorationSummaries.eventSource(context));
    }

    @Override
    public UpdateControl<OpenStackSnapshot> reconcile(OpenStackSnapshot snapshot, Context<OpenStackSnapshot> context) {
        RestorationSummaries.publish(kubernetes, snapshot, RestorationSummaries.restorationsOf(context));
        unlink.requested(snapshot); // says so now if its value is not understood, before anyone deletes
        ResourceID id = ResourceID.fromResource(snapshot);
        Secret secret = secrets.inUse(snapshot).orElse(null);
        String pull = SnapshotFacts.annotation(snapshot, PULL_ANNOTATION);
        var inputs = new FailedWith(secret == null ? null : secret.getMetadata().getResourceVersion(), pull);
        var status = SnapshotFacts.statusOf(snapshot);
        Instant keptUntil = null;
        try {
            keptUntil = SnapshotFacts.keptUntilOf(snapshot);
            boolean pulling = pull != null && !pull.equals(status.getLastHandledPullAt());
            var facts = new SnapshotStep.Facts(keptUntil != null && retention.hasPassed(keptUntil) ? keptUntil : null,
                    failures.stillFailing(snapshot, status.getState(), status.getObservedGeneration(),
                            status.getConditions(), inputs), SnapshotFacts.linkedId(snapshot), pulling, null, false,
                    Optional.empty());
            SnapshotStep step = SnapshotStep.decide(facts);
            if (step instanceof SnapshotStep.Expire expire) {
                expiry.expire(snapshot, expire.keptUntil());
                return UpdateControl.noUpdate();
            }
            if (step instanceof SnapshotStep.StayFailed) {
                return next(keptUntil);
            }
            String refused = sharedProject.refusal(snapshot.getSpec().getSourceVolume(), snapshot.getSpec().getBackendID());
            if (refused != null) {
                throw new InvalidSpecException(refused);
            }
            BlockStorage storage = connector.connect(secrets.require(snapshot, secret),
                    snapshot.getSpec().getCloudCredentialsRef().getCloudName());
            SnapshotActuator actuator = new SnapshotActuator(storage);
            if (step instanceof SnapshotStep.Link) {
                var link = creation.linkOrCreate(snapshot, new SnapshotLinking(recorder, observer, events, sources,
                        storage.volumes()), actuator);
                if (link instanceof CreateOrAdopt.Waiting<OpenStackSnapshot, CinderSnapshot> waiting) {
                    return UpdateControl.<OpenStackSnapshot>noUpdate().rescheduleAfter(waiting.delay());
                }
                var linked = (CreateOrAdopt.Linked<OpenStackSnapshot, CinderSnapshot>) link;
                snapshot = linked.object();
                if (linked.created()) {
                    observer.observe(snapshot, storage, linked.id(), false);
                    return next(keptUntil); // nothing else in the pass that created
                }
                facts = new SnapshotStep.Facts(null, false, linked.id(), pulling, null, false, Optional.empty());
                step = SnapshotStep.decide(facts);
            }
            var observe = (SnapshotStep.Observe) step;
            Observed<CinderSnapshot> seen = observer.observe(snapshot, storage, observe.id(), observe.fresh());
            if (!seen.isUnknown()) {
                requireImportable(snapshot, seen, context); // before any push: never touch another's snapshot
            }
            if (seen.isPresent()) {
                duplicates.removeExtras(snapshot, actuator, observe.id());
            }
            step = SnapshotStep.decide(facts.observed(seen,
                    seen.isPresent() && DesiredSnapshot.of(snapshot).differsFrom(seen.value()), observer.cloudTrouble(snapshot)));
            if (step instanceof SnapshotStep.AwaitListing wait) {
                // Not listed yet: the poller triggers us once it has listed the cloud, or failed to (then say so).
                if (wait.trouble().isPresent()) {
                    recorder.record(snapshot, Outcome.unobserved(SnapshotFacts.statusOf(snapshot).getState(),
                            wait.trouble().get()));
                }
                return next(keptUntil);
            }
            if (step instanceof SnapshotStep.Push push) {
                snapshot = recorder.record(snapshot, Outcome.progressing(SnapshotState.Updating, "Pushing the spec to Cinder"),
                        push.actual());
                CinderSnapshot pushed = update.pushUnlessVanished(actuator, snapshot, push.actual()).orElse(null);
                Observed<CinderSnapshot> after = pushed == null ? Observed.absent() : Observed.present(pushed);
                step = new SnapshotStep.Record(SnapshotStep.outcomeOf(after,
                        pushed != null && DesiredSnapshot.of(snapshot).differsFrom(pushed), observer.cloudTrouble(snapshot)),
                        pushed);
            }
            var record = (SnapshotStep.Record) step;
            recorder.record(snapshot, record.outcome(), record.actual(), pulling ? pull : null);
            failures.forget(id);
            return next(keptUntil);
        } catch (TransientCinderException e) {
            throw e; // JOSDK retries with per-object exponential backoff; updateErrorStatus records it
        } catch (RuntimeException e) {
            Outcome terminal = FailureClassifier.terminal(e).orElseThrow(() -> e);
            failures.remember(id, inputs);
            recorder.record(snapshot, terminal, null, pull);
            return next(keptUntil);
        }
    }

    @Override
    public DeleteControl cleanup(OpenStackSnapshot snapshot, Context<OpenStackSnapshot> context) {
        if (secrets.alreadyLetGo(snapshot)) {
            return DeleteControl.defaultDelete(); // a retry of the finalizer removal: Cinder is done, no Secret needed
        }
        var restorations = RestorationSummaries.restorationsOf(context);
        Optional<String> restoring = RestorationSummaries.inProgress(restorations);
        boolean unlinked = unlink.requested(snapshot);
        if (restoring.isPresent() && !unlinked) {
            // Only while the deletion waits for a restoration. A status write in the pass that ends with JOSDK's
            // finalizer removal makes that patch conflict; JOSDK then diffs its stale copy against a fresh one, a
            // shorter restorations list becomes "remove /status/restorations/1", and every retry fails with 422
            // (seen as namespace deletions that did not finish on the mock server).
            RestorationSummaries.publish(kubernetes, snapshot, restorations);
            recorder.record(snapshot, new Outcome(SnapshotState.DeletionScheduled, Reason.RestorationInProgress,
                    restoring.get()));
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(RESTORATION_RECHECK);
        }
        Secret secret = secrets.inUse(snapshot).orElse(null);
        DeleteControl control = deletion.cleanup(snapshot, () -> connector.connect(secrets.require(snapshot, secret),
                snapshot.getSpec().getCloudCredentialsRef().getCloudName()), id -> sameBackendId(context, id), unlinked);
        if (control.isRemoveFinalizer()) {
            ResourceID id = ResourceID.fromResource(snapshot);
            creation.forget(id);
            unlink.forget(id);
            failures.forget(id);
            secrets.letGo(snapshot); // before our finalizer goes: a crash in between keeps the object, not the hold
        }
        return control;
    }

    @Override
    public ErrorStatusUpdateControl<OpenStackSnapshot> updateErrorStatus(OpenStackSnapshot snapshot,
            Context<OpenStackSnapshot> context, Exception e) {
        return FailedReconcile.record(snapshot, e, FailureClassifier::messageOf, recorder::fresh, recorder::transientError);
    }

    /** An import of a snapshot another object owns or manages is InvalidConfiguration ({@link ImportClaims}). */
    private static void requireImportable(OpenStackSnapshot snapshot, Observed<CinderSnapshot> seen,
            Context<OpenStackSnapshot> context) {
        String imported = snapshot.getSpec().getBackendID();
        if (imported != null) {
            ImportClaims.refusal(snapshot, seen.isPresent() ? seen.value() : null, sameBackendId(context, imported))
                    .ifPresent(why -> {
                        throw new InvalidSpecException(why);
                    });
        }
    }

    private static List<String> backendIdsOf(OpenStackSnapshot snapshot) {
        Set<String> ids = new LinkedHashSet<>();
        if (snapshot.getSpec() != null && snapshot.getSpec().getBackendID() != null) {
            ids.add(snapshot.getSpec().getBackendID());
        }
        if (snapshot.getStatus() != null && snapshot.getStatus().getBackendID() != null) {
            ids.add(snapshot.getStatus().getBackendID());
        }
        return List.copyOf(ids);
    }

    private static List<OpenStackSnapshot> sameBackendId(Context<OpenStackSnapshot> context, String id) {
        return context.getPrimaryCache().byIndex(BY_BACKEND_ID, id);
    }

    private UpdateControl<OpenStackSnapshot> next(Instant keptUntil) {
        Duration delay = resync;
        if (keptUntil != null) {
            Duration untilExpiry = retention.until(keptUntil);
            delay = untilExpiry.compareTo(resync) < 0 ? untilExpiry : resync;
        }
        return UpdateControl.<OpenStackSnapshot>noUpdate().rescheduleAfter(delay);
    }
}
