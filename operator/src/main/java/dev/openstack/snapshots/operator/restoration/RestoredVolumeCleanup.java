package dev.openstack.snapshots.operator.restoration;

import dev.openstack.snapshots.operator.adoption.CreateGuard;
import dev.openstack.snapshots.operator.api.CloudCredentialsRef;
import dev.openstack.snapshots.operator.api.DeletionPolicy;
import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.SnapshotRestoration;
import dev.openstack.snapshots.operator.api.SnapshotRestorationStatus;
import dev.openstack.snapshots.operator.cinder.CinderVolume;
import dev.openstack.snapshots.operator.cinder.CinderVolumes;
import dev.openstack.snapshots.operator.cinder.TerminalCinderException;
import dev.openstack.snapshots.operator.cinder.TransientCinderException;
import dev.openstack.snapshots.operator.cloud.CloudConfigurationException;
import dev.openstack.snapshots.operator.flow.CinderDeletion;
import dev.openstack.snapshots.operator.observation.BulkObservation;
import dev.openstack.snapshots.operator.observation.Observed;
import dev.openstack.snapshots.operator.status.Reason;
import dev.openstack.snapshots.operator.status.StatusPatcher;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What deleting a restoration does. Retain (the default): nothing in Cinder. Delete: the claim and PV first (into a
 * claim), then the volume through the shared {@link CinderDeletion}, keeping the finalizer until Cinder no longer has
 * it. Waiting is done with direct GETs: only objects being deleted pay for them.
 */
final class RestoredVolumeCleanup {

    private static final Logger LOG = LoggerFactory.getLogger(RestoredVolumeCleanup.class);
    static final Duration BLOCKED_RECHECK = Duration.ofSeconds(30);

    private final BulkObservation observation;
    private final RestorationStatusFactory statuses;
    private final StatusPatcher<SnapshotRestoration, SnapshotRestorationStatus> writer;
    private final RestorationEvents events;
    private final Duration recheck;
    private final CinderDeletion<SnapshotRestoration, CinderVolume> deletion;
    private final ClaimCleanup claims;

    RestoredVolumeCleanup(BulkObservation observation, RestorationStatusFactory statuses,
            StatusPatcher<SnapshotRestoration, SnapshotRestorationStatus> writer, RestorationEvents events, Duration recheck,
            CreateGuard guard, Clock clock, ClaimCleanup claims) {
        this.observation = observation;
        this.statuses = statuses;
        this.writer = writer;
        this.events = events;
        this.recheck = recheck;
        this.deletion = new CinderDeletion<>(guard, clock);
        this.claims = claims;
    }

    DeleteControl cleanup(SnapshotRestoration restoration, Optional<OpenStackSnapshot> snapshot) {
        String ns = restoration.getMetadata().getNamespace();
        String name = restoration.getMetadata().getName();
        boolean claimTarget = restoration.getSpec().getPersistentVolumeClaim() != null;
        boolean delete = restoration.getSpec().getDeletionPolicy() == DeletionPolicy.Delete;
        if (claimTarget && !delete) {
            claims.release(restoration);
        }
        if (claimTarget && delete) {
            // In that order: the claim (once no pod uses it), the PV, and only then the Cinder volume.
            Optional<String> waiting = claims.remove(restoration);
            if (waiting.isPresent()) {
                writer.write(restoration, statuses.deletingClaim(restoration.getStatus(), generation(restoration),
                        waiting.get()));
                return DeleteControl.noFinalizerRemoval().rescheduleAfter(recheck);
            }
        }
        if (!delete) {
            LOG.info("{}/{}: deleted; volume {} retained (deletionPolicy Retain)", ns, name,
                    restoration.getStatus() == null ? null : restoration.getStatus().getVolumeID());
            return DeleteControl.defaultDelete();
        }
        if (restoration.getStatus() == null || restoration.getStatus().getVolumeID() == null) {
            SnapshotRestoration live = writer.fresh(restoration); // the informer's copy may predate a create mark
            if (live != null && live.getStatus() != null) {
                restoration = live;
            }
        }
        SnapshotRestorationStatus status = restoration.getStatus();
        if (status == null || (status.getVolumeID() == null && status.getCreateRequestedAt() == null
                && status.getCloudCredentialsRef() == null)) {
            // The create mark is written before every create call: without it and without a volume, nothing can
            // carry our tag, and nothing is asked of Cinder (nor of a Secret that may be gone already).
            LOG.info("{}/{}: deleted; no volume was ever asked of Cinder", ns, name);
            return DeleteControl.defaultDelete();
        }
        CloudCredentialsRef credentials = status.getCloudCredentialsRef() != null ? status.getCloudCredentialsRef()
                : snapshot.map(s -> s.getSpec().getCloudCredentialsRef()).orElse(null);
        if (credentials == null) {
            // Never restored (no credentials recorded) and no snapshot to tell us the cloud: nothing we could have made.
            LOG.info("{}/{}: deleted; no volume was ever created", ns, name);
            return DeleteControl.defaultDelete();
        }
        try {
            CinderVolumes volumes = observation.connector()
                    .connect(SnapshotRestorationReconciler.cloudKey(ns, credentials)).volumes();
            var progress = deletion.delete(restoration, new InCinder(volumes),
                    new VolumeActuator(volumes, status.getSnapshotID()));
            if (progress instanceof CinderDeletion.Done done) {
                LOG.info("{}/{}: deleted; {}", ns, name, done.lastId() == null ? "no volume was ever created"
                        : "volume " + done.lastId() + " deleted");
                return DeleteControl.defaultDelete();
            }
            return DeleteControl.noFinalizerRemoval()
                    .rescheduleAfter(((CinderDeletion.Again) progress).delay().orElse(recheck));
        } catch (CloudConfigurationException e) {
            writer.write(restoration, statuses.failed(status, generation(restoration), Reason.DeletionFailed,
                    "cannot delete the volume: " + e.getMessage()));
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(BLOCKED_RECHECK);
        } catch (TerminalCinderException e) {
            // e.g. the volume is attached: the user has to detach it; look again later.
            writer.write(restoration, statuses.failed(status, generation(restoration), Reason.DeletionFailed,
                    e.getMessage()));
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(BLOCKED_RECHECK);
        } catch (TransientCinderException e) {
            // Say so while JOSDK retries with backoff.
            writer.write(restoration, statuses.deletionRetrying(status, generation(restoration),
                    "Deleting: " + e.getMessage()));
            throw e;
        }
    }

    /** The restoration's side of {@link CinderDeletion}: direct reads, a Deleted event per volume gone. */
    private final class InCinder implements CinderDeletion.Records<SnapshotRestoration, CinderVolume> {

        private final CinderVolumes volumes;

        InCinder(CinderVolumes volumes) {
            this.volumes = volumes;
        }

        @Override
        public SnapshotRestoration fresh(SnapshotRestoration cached) {
            return writer.fresh(cached);
        }

        @Override
        public String linkedId(SnapshotRestoration restoration) {
            return restoration.getStatus() == null ? null : restoration.getStatus().getVolumeID();
        }

        @Override
        public Instant requestedAt(SnapshotRestoration restoration) {
            return restoration.getStatus() == null ? null : VolumeLinking.requestedAt(restoration.getStatus());
        }

        @Override
        public boolean sweepsOwned(SnapshotRestoration restoration) {
            return true;
        }

        @Override
        public Observed<CinderVolume> look(SnapshotRestoration restoration, String id) {
            return volumes.get(id).map(Observed::present).orElseGet(Observed::absent);
        }

        @Override
        public void vanished(SnapshotRestoration restoration, String id) {
            events.deleted(restoration, id);
        }

        @Override
        public void waitingForCreate(SnapshotRestoration restoration, Instant until) {
            LOG.info("{}/{}: waiting until {} for a volume create that got no answer", restoration.getMetadata()
                    .getNamespace(), restoration.getMetadata().getName(), until);
        }

        @Override
        public void inCinder(SnapshotRestoration restoration, CinderVolume volume, boolean deleteSent) {
            SnapshotRestorationStatus status = RestorationStatusFactory.copyOf(restoration.getStatus(),
                    generation(restoration));
            if (status.getVolumeID() == null) {
                status.setVolumeID(volume.id());
            }
            writer.write(restoration, statuses.deleting(status, generation(restoration)));
        }
    }

    private static long generation(SnapshotRestoration restoration) {
        return restoration.getMetadata().getGeneration();
    }
}
