package dev.openstack.snapshots.operator.snapshot;

import static dev.openstack.snapshots.operator.api.OpenStackSnapshot.PULL_ANNOTATION;

import dev.openstack.snapshots.operator.adoption.CreateGuard;
import dev.openstack.snapshots.operator.adoption.UnansweredCreates;
import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.SnapshotState;
import dev.openstack.snapshots.operator.cinder.BlockStorage;
import dev.openstack.snapshots.operator.cinder.CinderSnapshot;
import dev.openstack.snapshots.operator.cinder.TransientCinderException;
import dev.openstack.snapshots.operator.observation.Observed;
import dev.openstack.snapshots.operator.restoration.RestorationSummaries;
import dev.openstack.snapshots.operator.source.SharedProjectRules;
import dev.openstack.snapshots.operator.status.Reason;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Orchestrates one OpenStackSnapshot: observe (the poller's view) → decide ({@link StateMapping},
 * {@link DesiredSnapshot}) → act ({@link SnapshotCreation}, {@link SnapshotUpdate}, {@link SnapshotExpiry},
 * {@link SnapshotDuplicates}, all through {@link SnapshotActuator}) → record ({@link SnapshotStatusBuilder},
 * {@link StatusWriter}). Deletion is {@link SnapshotDeletion}. Tenancy: {@link SharedProjectRules} before any
 * Cinder call, {@link ImportClaims} before an import is pushed to or deleted. Never writes spec.
 */
@ControllerConfiguration(name = SnapshotReconciler.NAME, finalizerName = OpenStackSnapshot.FINALIZER)
public final class SnapshotReconciler implements Reconciler<OpenStackSnapshot>, Cleaner<OpenStackSnapshot> {

    public static final String NAME = "openstacksnapshot";
    /** Primary-cache index: the Cinder ids an object names (spec.backendID, status.backendID), to find co-claimants. */
    private static final String BY_BACKEND_ID = "by-backend-id";
    private static final Duration RESTORATION_RECHECK = Duration.ofSeconds(5);

    private final SnapshotParts parts;
    private final SnapshotDeletion deletion;
    private final UnansweredCreates unansweredCreates = new UnansweredCreates();
    private final UnlinkAnnotation unlink;
    private final SnapshotCreation creation;
    private final SnapshotDuplicates duplicates;
    private final SharedProjectRules sharedProject;
    private final SnapshotUpdate update;
    private final SnapshotExpiry expiry;
    private final Duration resync;

    /**
     * @param createGuard when a create whose answer never came may be repeated (from the OpenStack read timeout)
     * @param sharedProject which sources and imports the SHARED_OPENSTACK_PROJECT setting allows
     */
    public SnapshotReconciler(SnapshotParts parts, Duration resync, CreateGuard createGuard,
            SharedProjectRules sharedProject) {
        this.parts = parts;
        this.sharedProject = sharedProject;
        this.deletion = new SnapshotDeletion(parts, createGuard, sharedProject);
        this.unlink = new UnlinkAnnotation(parts.events());
        RefusalReports refusals = new RefusalReports(parts.events());
        this.creation = new SnapshotCreation(parts, createGuard, unansweredCreates, refusals);
        this.duplicates = new SnapshotDuplicates(parts, refusals);
        this.update = new SnapshotUpdate(parts);
        this.expiry = new SnapshotExpiry(parts);
        this.resync = resync;
    }

    @Override
    public List<EventSource<?, OpenStackSnapshot>> prepareEventSources(EventSourceContext<OpenStackSnapshot> context) {
        context.getPrimaryCache().addIndexer(BY_BACKEND_ID, SnapshotReconciler::backendIdsOf);
        return List.of(parts.secrets().eventSource(context), parts.observationEvents(),
                RestorationSummaries.eventSource(context));
    }

    @Override
    public UpdateControl<OpenStackSnapshot> reconcile(OpenStackSnapshot snapshot, Context<OpenStackSnapshot> context) {
        RestorationSummaries.publish(parts.kubernetes(), snapshot, RestorationSummaries.restorationsOf(context));
        unlink.requested(snapshot); // says so now if its value is not understood, before anyone deletes
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
            String refused = sharedProject.refusal(snapshot.getSpec().getSourceVolume(), snapshot.getSpec().getBackendID());
            if (refused != null) {
                throw new InvalidSpecException(refused);
            }
            BlockStorage storage = parts.connector().connect(parts.secrets().require(snapshot, secret),
                    snapshot.getSpec().getCloudCredentialsRef().getCloudName());
            String backendId = SnapshotFacts.linkedId(snapshot);
            if (backendId == null) {
                SnapshotCreation.Link link = creation.linkOrCreate(snapshot, storage, keptUntil);
                if (link instanceof SnapshotCreation.Waiting waiting) {
                    return UpdateControl.<OpenStackSnapshot>noUpdate().rescheduleAfter(waiting.delay());
                }
                SnapshotCreation.Linked linked = (SnapshotCreation.Linked) link;
                snapshot = linked.object();
                backendId = linked.id();
                if (linked.created()) {
                    parts.observer().observe(snapshot, storage, backendId, false);
                    return next(keptUntil); // nothing else in the pass that created
                }
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
            requireImportable(snapshot, seen, context); // before any push: never touch another's snapshot
            if (seen.isPresent()) {
                duplicates.removeExtras(snapshot, storage, backendId);
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
        Optional<String> restoring = RestorationSummaries.inProgress(restorations);
        boolean unlinked = unlink.requested(snapshot);
        if (restoring.isPresent() && !unlinked) {
            // Only while the deletion waits for a restoration. A status write in the pass that ends with JOSDK's
            // finalizer removal makes that patch conflict; JOSDK then diffs its stale copy against a fresh one, a
            // shorter restorations list becomes "remove /status/restorations/1", and every retry fails with 422
            // (seen as namespace deletions that did not finish on the mock server).
            RestorationSummaries.publish(parts.kubernetes(), snapshot, restorations);
            record(snapshot, new Outcome(SnapshotState.DeletionScheduled, Reason.RestorationInProgress, restoring.get()),
                    null, SnapshotFacts.keptUntilOrNull(snapshot), null);
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(RESTORATION_RECHECK);
        }
        DeleteControl control = deletion.cleanup(snapshot, parts.secrets().inUse(snapshot).orElse(null),
                id -> sameBackendId(context, id), unlinked);
        if (control.isRemoveFinalizer()) {
            unansweredCreates.forget(ResourceID.fromResource(snapshot));
            unlink.forget(ResourceID.fromResource(snapshot));
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
            Duration untilExpiry = parts.retention().until(keptUntil);
            delay = untilExpiry.compareTo(resync) < 0 ? untilExpiry : resync;
        }
        return UpdateControl.<OpenStackSnapshot>noUpdate().rescheduleAfter(delay);
    }
}
