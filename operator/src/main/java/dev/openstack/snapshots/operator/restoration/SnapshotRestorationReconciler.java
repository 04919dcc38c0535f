package dev.openstack.snapshots.operator.restoration;

import dev.openstack.snapshots.operator.adoption.CreateGuard;
import dev.openstack.snapshots.operator.api.CloudCredentialsRef;
import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.SnapshotRestoration;
import dev.openstack.snapshots.operator.api.SnapshotRestorationStatus;
import dev.openstack.snapshots.operator.api.SnapshotState;
import dev.openstack.snapshots.operator.cinder.BlockStorage;
import dev.openstack.snapshots.operator.cinder.CinderVolume;
import dev.openstack.snapshots.operator.cinder.TerminalCinderException;
import dev.openstack.snapshots.operator.cloud.CloudConfigurationException;
import dev.openstack.snapshots.operator.credentials.SecretHolds;
import dev.openstack.snapshots.operator.credentials.SecretKey;
import dev.openstack.snapshots.operator.events.TransitionEvents;
import dev.openstack.snapshots.operator.flow.CreateOrAdopt;
import dev.openstack.snapshots.operator.flow.FailedReconcile;
import dev.openstack.snapshots.operator.flow.RefusalReports;
import dev.openstack.snapshots.operator.names.KubernetesNames;
import dev.openstack.snapshots.operator.observation.BulkObservation;
import dev.openstack.snapshots.operator.observation.CloudKey;
import dev.openstack.snapshots.operator.observation.CloudObserver;
import dev.openstack.snapshots.operator.observation.ObservationEventSource;
import dev.openstack.snapshots.operator.observation.Observed;
import dev.openstack.snapshots.operator.status.Reason;
import dev.openstack.snapshots.operator.status.StatusPatcher;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
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
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restores an OpenStackSnapshot into a new Cinder volume through the flow it shares with snapshots (docs/snapshots.md):
 * observe (snapshot from the informer, volume from the bulk poller) → decide ({@link RestorationStep}) → adopt or
 * create ({@link CreateOrAdopt} with {@link VolumeLinking}), with Cinder changed only by {@link VolumeActuator} →
 * record ({@link RestorationStatusFactory}, the shared {@link StatusPatcher}). Deletion is {@link RestoredVolumeCleanup}.
 */
@ControllerConfiguration(name = SnapshotRestorationReconciler.NAME, finalizerName = SnapshotRestoration.FINALIZER)
public final class SnapshotRestorationReconciler implements Reconciler<SnapshotRestoration>, Cleaner<SnapshotRestoration> {

    public static final String NAME = "snapshotrestoration";
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotRestorationReconciler.class);
    private static final String BY_SNAPSHOT = "by-snapshot";

    private static final String BY_SECRET = "by-secret";
    private static final String BY_UID = "by-uid";

    private final BulkObservation observation;
    private final SecretHolds holds;
    private final RestorationStatusFactory statuses;
    private final StatusPatcher<SnapshotRestoration, SnapshotRestorationStatus> writer;
    private final CreateOrAdopt<SnapshotRestoration, CinderVolume> creation;
    private final RestoredVolumeCleanup cleanup;
    private final ObservationEventSource<SnapshotRestoration> volumeChanges = new ObservationEventSource<>("restored-volumes");
    private static final Duration SECRET_RETRY = Duration.ofMinutes(1);
    private static final Duration LINKED_MEANWHILE = Duration.ofMillis(200);

    /**
     * @param deletionRecheck how often a volume being deleted (deletionPolicy Delete) is looked at
     * @param guard when a volume create whose answer never came may be repeated (from the OpenStack read timeout)
     */
    public SnapshotRestorationReconciler(KubernetesClient kubernetes, BulkObservation observation, SecretHolds holds,
            Clock clock, Duration deletionRecheck, CreateGuard guard) {
        this.observation = observation;
        this.holds = holds;
        this.statuses = new RestorationStatusFactory(clock);
        TransitionEvents transitions = new TransitionEvents(kubernetes, clock);
        this.writer = new StatusPatcher<>(kubernetes, SnapshotRestoration.class, new RestorationStatusRules(transitions));
        this.creation = new CreateOrAdopt<>(guard, clock, new RefusalReports(transitions));
        this.cleanup = new RestoredVolumeCleanup(observation, statuses, writer, new RestorationEvents(transitions),
                deletionRecheck, guard, clock, new ClaimCleanup(kubernetes));
    }

    @Override
    public List<EventSource<?, SnapshotRestoration>> prepareEventSources(EventSourceContext<SnapshotRestoration> context) {
        context.getPrimaryCache().addIndexer(BY_SNAPSHOT, r -> List.of(snapshotKey(r.getMetadata().getNamespace(),
                r.getSpec().getSnapshotRef().getName())));
        // A restoration uses the Secret recorded in its status (with its volume id).
        context.getPrimaryCache().addIndexer(BY_SECRET, r -> secretOf(r).map(k -> List.of(k.toString())).orElse(List.of()));
        holds.register(key -> context.getPrimaryCache().byIndex(BY_SECRET, key.toString()));
        InformerEventSource<OpenStackSnapshot, SnapshotRestoration> snapshots = new InformerEventSource<>(
                InformerEventSourceConfiguration.from(OpenStackSnapshot.class, SnapshotRestoration.class)
                        .withName("restored-snapshots")
                        .withSecondaryToPrimaryMapper((OpenStackSnapshot s) -> context.getPrimaryCache()
                                .byIndex(BY_SNAPSHOT, snapshotKey(s.getMetadata().getNamespace(), s.getMetadata().getName()))
                                .stream().map(ResourceID::fromResource).collect(Collectors.toSet()))
                        .withPrimaryToSecondaryMapper((SnapshotRestoration r) -> Set.of(new ResourceID(
                                r.getSpec().getSnapshotRef().getName(), r.getMetadata().getNamespace())))
                        .build(), context);
        // Our claims only (owner label): a phase change (Pending -> Bound) or a claim going away reconciles its restoration,
        // found by the uid label (the name label is cut with a hash for names over 63 characters).
        context.getPrimaryCache().addIndexer(BY_UID, r -> List.of(r.getMetadata().getUid()));
        InformerEventSource<PersistentVolumeClaim, SnapshotRestoration> claims = new InformerEventSource<>(
                InformerEventSourceConfiguration.from(PersistentVolumeClaim.class, SnapshotRestoration.class)
                        .withName("restored-claims")
                        .withLabelSelector(ClaimLabels.UID)
                        .withSecondaryToPrimaryMapper((PersistentVolumeClaim c) -> context.getPrimaryCache()
                                .byIndex(BY_UID, c.getMetadata().getLabels().get(ClaimLabels.UID)).stream()
                                .filter(r -> c.getMetadata().getNamespace().equals(r.getMetadata().getNamespace()))
                                .map(ResourceID::fromResource).collect(Collectors.toSet()))
                        .build(), context);
        return List.of(snapshots, claims, volumeChanges);
    }

    @Override
    public UpdateControl<SnapshotRestoration> reconcile(SnapshotRestoration restoration, Context<SnapshotRestoration> context) {
        labelWithSnapshot(restoration, context);
        Optional<OpenStackSnapshot> snapshot = context.getSecondaryResource(OpenStackSnapshot.class);
        String ns = restoration.getMetadata().getNamespace();
        SnapshotReadiness readiness = SnapshotReadiness.of(ns, restoration.getSpec().getSnapshotRef().getName(), snapshot);
        long generation = restoration.getMetadata().getGeneration();
        SnapshotRestorationStatus status = restoration.getStatus();
        RestorationStep step = RestorationStep.decide(restoration, readiness);
        if (step instanceof RestorationStep.Follow follow) {
            secretOf(restoration).ifPresent(key -> holds.hold(key, Optional.empty()));
            CloudObserver cloud = observation.cloud(cloudKey(ns, status.getCloudCredentialsRef()));
            cloud.watchVolume(follow.volumeId(), ResourceID.fromResource(restoration), volumeChanges);
            Observed<CinderVolume> seen = cloud.volume(follow.volumeId());
            SnapshotRestorationStatus next = seen.isPresent() ? statuses.observed(status, generation, seen.value())
                    : seen.isAbsent() ? statuses.gone(status, generation) : status;
            if (seen.isPresent() && restoration.getSpec().getPersistentVolumeClaim() != null
                    && next.getState() == SnapshotState.OK) {
                next = claim(restoration, next, seen.value(), context);
            }
            var trouble = cloud.trouble(); // a failing listing keeps the last view: say that it may be stale
            if (trouble.isPresent()) {
                next = statuses.unobserved(next, generation, "Cinder listing failing since " + trouble.get().since()
                        + ": " + trouble.get().error());
            }
            writer.write(restoration, next);
        } else if (step instanceof RestorationStep.SnapshotFailed failed) {
            writer.write(restoration, statuses.snapshotFailed(status, generation, failed.message()));
        } else if (step instanceof RestorationStep.WaitForSnapshot wait) {
            writer.write(restoration, statuses.waitingForSnapshot(status, generation, wait.message()));
        } else if (step instanceof RestorationStep.Restore) {
            return restore(restoration, snapshot.orElseThrow(), context);
        }
        // StayFailed: Cinder refused this spec; only a spec change (new generation) retries.
        return UpdateControl.noUpdate();
    }

    /** The volume is available: make (or adopt) the PV and claim and report the claim's phase. */
    private SnapshotRestorationStatus claim(SnapshotRestoration restoration, SnapshotRestorationStatus observed,
            CinderVolume volume, Context<SnapshotRestoration> context) {
        String ns = restoration.getMetadata().getNamespace();
        long generation = restoration.getMetadata().getGeneration();
        String driver = CsiDriverSetting.of(context.getClient(), ns, observed.getCloudCredentialsRef());
        try {
            return statuses.claimed(observed, generation, ns,
                    new ClaimBinder(context.getClient()).ensure(restoration, volume, driver));
        } catch (ClaimBinder.ClaimConflict e) {
            return statuses.failed(observed, generation, Reason.InvalidConfiguration, e.getMessage());
        }
    }

    private UpdateControl<SnapshotRestoration> restore(SnapshotRestoration restoration, OpenStackSnapshot snapshot,
            Context<SnapshotRestoration> context) {
        String ns = restoration.getMetadata().getNamespace();
        long generation = restoration.getMetadata().getGeneration();
        CloudCredentialsRef credentials = snapshot.getSpec().getCloudCredentialsRef();
        if (restoration.getSpec().getPersistentVolumeClaim() != null) {
            Optional<String> problem = new ClaimBinder(context.getClient()).problem(restoration,
                    CsiDriverSetting.of(context.getClient(), ns, credentials));
            if (problem.isPresent()) {
                // Before any volume exists: a claim that cannot be made must not leave a volume behind.
                writer.write(restoration, statuses.failed(restoration.getStatus(), generation,
                        Reason.InvalidConfiguration, problem.get()));
                return UpdateControl.noUpdate();
            }
        }
        CloudKey key = cloudKey(ns, credentials);
        BlockStorage storage;
        try {
            storage = observation.connector().connect(key);
        } catch (CloudConfigurationException e) {
            // The snapshot just proved this Secret works: wait for it to be fixed rather than fail for good.
            writer.write(restoration, statuses.transientFailure(restoration.getStatus(), generation, e.getMessage()));
            return UpdateControl.<SnapshotRestoration>noUpdate().rescheduleAfter(SECRET_RETRY);
        }
        String cinderSnapshotId = snapshot.getStatus().getBackendID();
        holds.hold(new SecretKey(ns, credentials.getSecretName()), Optional.empty());
        CreateOrAdopt.Link<SnapshotRestoration, CinderVolume> link;
        try {
            link = creation.linkOrCreate(restoration, new VolumeLinking(writer, statuses, cinderSnapshotId, credentials),
                    new VolumeActuator(storage.volumes(), cinderSnapshotId));
        } catch (TerminalCinderException e) {
            Reason reason = e.httpStatus() == 413 ? Reason.BackendError : Reason.InvalidConfiguration;
            writer.write(restoration, statuses.failed(restoration.getStatus(), generation, reason, e.getMessage()));
            return UpdateControl.noUpdate();
        }
        if (link instanceof CreateOrAdopt.Waiting<SnapshotRestoration, CinderVolume> waiting) {
            return UpdateControl.<SnapshotRestoration>noUpdate().rescheduleAfter(waiting.delay());
        }
        var linked = (CreateOrAdopt.Linked<SnapshotRestoration, CinderVolume>) link;
        CinderVolume volume = linked.backend();
        if (volume == null) {
            return UpdateControl.<SnapshotRestoration>noUpdate().rescheduleAfter(LINKED_MEANWHILE); // follow it next time
        }
        LOG.info("{}/{}: {} volume {} from snapshot {}", ns, restoration.getMetadata().getName(),
                linked.created() ? "created" : "adopted", volume.id(), cinderSnapshotId);
        CloudObserver cloud = observation.cloud(key);
        cloud.recordVolume(volume.id(), volume);
        cloud.watchVolume(volume.id(), ResourceID.fromResource(restoration), volumeChanges);
        cloud.changeRequested();
        // Nothing else happens in this pass: the id reached the status (compare-and-set) before anything else.
        return UpdateControl.noUpdate();
    }

    @Override
    public DeleteControl cleanup(SnapshotRestoration restoration, Context<SnapshotRestoration> context) {
        Optional<SecretKey> secret = secretOf(restoration);
        if (secret.isPresent() && holds.released(secret.get(), restoration)) {
            return DeleteControl.defaultDelete(); // a retry of the finalizer removal: Cinder is done
        }
        DeleteControl control = cleanup.cleanup(restoration, context.getSecondaryResource(OpenStackSnapshot.class));
        SnapshotRestorationStatus status = restoration.getStatus();
        if (control.isRemoveFinalizer()) {
            creation.forget(ResourceID.fromResource(restoration));
            secret.ifPresent(key -> holds.release(key, restoration));
        }
        if (control.isRemoveFinalizer() && status != null && status.getCloudCredentialsRef() != null) {
            observation.cloud(cloudKey(restoration.getMetadata().getNamespace(), status.getCloudCredentialsRef()))
                    .unwatch(ResourceID.fromResource(restoration), volumeChanges);
        }
        return control;
    }

    @Override
    public ErrorStatusUpdateControl<SnapshotRestoration> updateErrorStatus(SnapshotRestoration restoration,
            Context<SnapshotRestoration> context, Exception e) {
        return FailedReconcile.record(restoration, e, RuntimeException::getMessage, writer::fresh, (live, message) ->
                writer.writeQuietly(live, statuses.transientFailure(live.getStatus(), live.getMetadata().getGeneration(),
                        message)));
    }

    /**
     * So that {@code kubectl get osrestore -l blockstorage.openstack.dev/snapshot=<name>} works; never touches spec.
     * A snapshot name longer than a label value allows (63; schedule children often are) is shortened with a hash.
     */
    private static void labelWithSnapshot(SnapshotRestoration restoration, Context<SnapshotRestoration> context) {
        String snapshot = KubernetesNames.labelValue(restoration.getSpec().getSnapshotRef().getName());
        var labels = restoration.getMetadata().getLabels();
        if (labels != null && snapshot.equals(labels.get(SnapshotRestoration.SNAPSHOT_LABEL))) {
            return;
        }
        context.getClient().resources(SnapshotRestoration.class).inNamespace(restoration.getMetadata().getNamespace())
                .withName(restoration.getMetadata().getName()).edit(live -> {
                    if (live.getMetadata().getLabels() == null) {
                        live.getMetadata().setLabels(new java.util.LinkedHashMap<>());
                    }
                    live.getMetadata().getLabels().put(SnapshotRestoration.SNAPSHOT_LABEL, snapshot);
                    return live;
                });
    }

    /** The Secret the restoration uses: the one recorded with its volume. */
    static Optional<SecretKey> secretOf(SnapshotRestoration restoration) {
        SnapshotRestorationStatus status = restoration.getStatus();
        if (status == null || status.getCloudCredentialsRef() == null) {
            return Optional.empty();
        }
        return Optional.of(new SecretKey(restoration.getMetadata().getNamespace(),
                status.getCloudCredentialsRef().getSecretName()));
    }

    static CloudKey cloudKey(String namespace, CloudCredentialsRef credentials) {
        return new CloudKey(namespace, credentials.getSecretName(), credentials.getCloudName());
    }

    private static String snapshotKey(String namespace, String name) {
        return namespace + "/" + name;
    }
}
