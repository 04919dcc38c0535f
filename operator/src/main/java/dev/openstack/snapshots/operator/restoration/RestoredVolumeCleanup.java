package dev.openstack.snapshots.operator.restoration;

import dev.openstack.snapshots.operator.adoption.CreateGuard;
import dev.openstack.snapshots.operator.api.CloudCredentialsRef;
import dev.openstack.snapshots.operator.api.DeletionPolicy;
import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.SnapshotRestoration;
import dev.openstack.snapshots.operator.api.SnapshotRestorationStatus;
import dev.openstack.snapshots.operator.cinder.CinderVolume;
import dev.openstack.snapshots.operator.cinder.CinderVolumes;
import dev.openstack.snapshots.operator.cinder.DeleteOutcome;
import dev.openstack.snapshots.operator.cinder.TerminalCinderException;
import dev.openstack.snapshots.operator.cinder.TransientCinderException;
import dev.openstack.snapshots.operator.cloud.CloudConfigurationException;
import dev.openstack.snapshots.operator.observation.BulkObservation;
import dev.openstack.snapshots.operator.status.Reason;
import dev.openstack.snapshots.operator.status.StatusPatcher;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What deleting a restoration does. Retain (the default): nothing in Cinder. Delete: delete the volume
 * (found by its recorded id, or by our owner tag when a crash lost the id) and keep the finalizer until
 * Cinder no longer has it. Waiting is done with direct GETs: only objects being deleted pay for them.
 */
final class RestoredVolumeCleanup {

    private static final Logger LOG = LoggerFactory.getLogger(RestoredVolumeCleanup.class);
    static final Duration BLOCKED_RECHECK = Duration.ofSeconds(30);

    private final BulkObservation observation;
    private final RestorationStatusFactory statuses;
    private final StatusPatcher<SnapshotRestoration, SnapshotRestorationStatus> writer;
    private final RestorationEvents events;
    private final Duration recheck;
    private final CreateGuard guard;
    private final Clock clock;
    private final ClaimCleanup claims;

    RestoredVolumeCleanup(BulkObservation observation, RestorationStatusFactory statuses,
            StatusPatcher<SnapshotRestoration, SnapshotRestorationStatus> writer, RestorationEvents events, Duration recheck, CreateGuard guard, Clock clock,
            ClaimCleanup claims) {
        this.claims = claims;
        this.guard = guard;
        this.clock = clock;
        this.observation = observation;
        this.statuses = statuses;
        this.writer = writer;
        this.events = events;
        this.recheck = recheck;
    }

    DeleteControl cleanup(SnapshotRestoration restoration, Optional<OpenStackSnapshot> snapshot) {
        String ns = restoration.getMetadata().getNamespace();
        String name = restoration.getMetadata().getName();
        SnapshotRestorationStatus status = restoration.getStatus();
        boolean claimTarget = restoration.getSpec().getPersistentVolumeClaim() != null;
        if (claimTarget && restoration.getSpec().getDeletionPolicy() != DeletionPolicy.Delete) {
            claims.release(restoration);
        }
        if (claimTarget && restoration.getSpec().getDeletionPolicy() == DeletionPolicy.Delete) {
            // In that order: the claim (once no pod uses it), the PV, and only then the Cinder volume.
            Optional<String> waiting = claims.remove(restoration);
            if (waiting.isPresent()) {
                writer.write(restoration, statuses.deletingClaim(status, generation(restoration), waiting.get()));
                return DeleteControl.noFinalizerRemoval().rescheduleAfter(recheck);
            }
        }
        if (restoration.getSpec().getDeletionPolicy() != DeletionPolicy.Delete) {
            LOG.info("{}/{}: deleted; volume {} retained (deletionPolicy Retain)", ns, name,
                    status == null ? null : status.getVolumeID());
            return DeleteControl.defaultDelete();
        }
        if (status == null || status.getVolumeID() == null) {
            SnapshotRestoration live = writer.fresh(restoration); // the informer's copy may predate a create mark
            if (live != null && live.getStatus() != null) {
                status = live.getStatus();
            }
        }
        if (status == null || (status.getVolumeID() == null && status.getCreateRequestedAt() == null
                && status.getCloudCredentialsRef() == null)) {
            // The create mark is written before every create call: without it and without a volume, nothing can
            // carry our tag, and nothing is asked of Cinder (nor of a Secret that may be gone already).
            LOG.info("{}/{}: deleted; no volume was ever asked of Cinder", ns, name);
            return DeleteControl.defaultDelete();
        }
        try {
            return deleteVolume(restoration, snapshot, status);
        } catch (TransientCinderException e) {
            // Say so while JOSDK retries with backoff.
            writer.write(restoration, statuses.deletionRetrying(status, generation(restoration),
                    "Deleting: " + e.getMessage()));
            throw e;
        }
    }

    private DeleteControl deleteVolume(SnapshotRestoration restoration, Optional<OpenStackSnapshot> snapshot,
            SnapshotRestorationStatus known) {
        String ns = restoration.getMetadata().getNamespace();
        String name = restoration.getMetadata().getName();
        SnapshotRestorationStatus status = known;
        CloudCredentialsRef credentials = status != null && status.getCloudCredentialsRef() != null
                ? status.getCloudCredentialsRef()
                : snapshot.map(s -> s.getSpec().getCloudCredentialsRef()).orElse(null);
        if (credentials == null) {
            // Never restored (no credentials recorded) and no snapshot to tell us the cloud: nothing we could have made.
            LOG.info("{}/{}: deleted; no volume was ever created", ns, name);
            return DeleteControl.defaultDelete();
        }
        CinderVolumes volumes;
        try {
            volumes = observation.connector()
                    .connect(SnapshotRestorationReconciler.cloudKey(ns, credentials)).volumes();
        } catch (CloudConfigurationException e) {
            writer.write(restoration, statuses.failed(status, generation(restoration), Reason.DeletionFailed,
                    "cannot delete the volume: " + e.getMessage()));
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(BLOCKED_RECHECK);
        }
        if (status == null || status.getVolumeID() == null) {
            // decide on the restoration as the API server has it: the informer's copy may predate a link or a mark
            SnapshotRestoration live = writer.fresh(restoration);
            if (live != null && live.getStatus() != null) {
                status = live.getStatus();
            }
        }
        Instant listedAt = clock.instant();
        VolumeActuator actuator = new VolumeActuator(volumes, status == null ? null : status.getSnapshotID());
        List<CinderVolume> owned = actuator.findOwned(restoration).ours();
        Optional<String> volumeId = status != null && status.getVolumeID() != null ? Optional.of(status.getVolumeID())
                : owned.stream().findFirst().map(CinderVolume::id);
        Optional<CinderVolume> volume = volumeId.flatMap(volumes::get);
        if (volume.isEmpty()) {
            volumeId.ifPresent(gone -> events.deleted(restoration, gone));
            // every volume wholly ours goes: a create made late by Cinder may have left a second one
            String goneId = volumeId.orElse(null);
            Optional<CinderVolume> leftover = owned.stream().filter(v -> !v.id().equals(goneId)).findFirst();
            if (leftover.isPresent()) {
                volumeId = Optional.of(leftover.get().id());
                volume = leftover;
            } else {
                Optional<Instant> wait = guard.mustWaitUntil(status == null ? null : VolumeLinking.requestedAt(status), listedAt);
                if (wait.isPresent()) {
                    LOG.info("{}/{}: waiting until {} for a volume create that got no answer", ns, name, wait.get());
                    return DeleteControl.noFinalizerRemoval().rescheduleAfter(
                            guard.nextLookup(clock.instant(), wait.get()).toMillis());
                }
                LOG.info("{}/{}: deleted; {}", ns, name, goneId == null ? "no volume was ever created"
                        : "volume " + goneId + " deleted");
                return DeleteControl.defaultDelete();
            }
        }
        String cinderStatus = volume.get().status();
        if (!"deleting".equals(cinderStatus) && !"creating".equals(cinderStatus)) {
            try {
                if (actuator.delete(restoration, volumeId.get()) == DeleteOutcome.ALREADY_GONE) {
                    events.deleted(restoration, volumeId.get());
                    return DeleteControl.defaultDelete();
                }
            } catch (TerminalCinderException e) {
                // e.g. the volume is attached: the user has to detach it; look again later.
                writer.write(restoration, statuses.failed(withId(status, volumeId.get()), generation(restoration),
                        Reason.DeletionFailed, e.getMessage()));
                return DeleteControl.noFinalizerRemoval().rescheduleAfter(BLOCKED_RECHECK);
            }
        }
        writer.write(restoration, statuses.deleting(withId(status, volumeId.get()), generation(restoration)));
        return DeleteControl.noFinalizerRemoval().rescheduleAfter(recheck);
    }

    private static SnapshotRestorationStatus withId(SnapshotRestorationStatus status, String volumeId) {
        SnapshotRestorationStatus s = status == null ? new SnapshotRestorationStatus() : status;
        if (s.getVolumeID() == null) {
            s.setVolumeID(volumeId);
        }
        return s;
    }

    private static long generation(SnapshotRestoration restoration) {
        return restoration.getMetadata().getGeneration();
    }
}
