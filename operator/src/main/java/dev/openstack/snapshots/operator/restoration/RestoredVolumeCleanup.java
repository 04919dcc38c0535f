package dev.openstack.snapshots.operator.restoration;

import dev.openstack.snapshots.operator.api.CloudCredentialsRef;
import dev.openstack.snapshots.operator.api.DeletionPolicy;
import dev.openstack.snapshots.operator.api.SnapshotRestoration;
import dev.openstack.snapshots.operator.api.SnapshotRestorationStatus;
import dev.openstack.snapshots.operator.cinder.CinderVolume;
import dev.openstack.snapshots.operator.cinder.CinderVolumes;
import dev.openstack.snapshots.operator.cinder.DeleteOutcome;
import dev.openstack.snapshots.operator.cinder.TerminalCinderException;
import dev.openstack.snapshots.operator.cinder.TransientCinderException;
import dev.openstack.snapshots.operator.cloud.CloudConfigurationException;
import dev.openstack.snapshots.operator.observation.BulkObservation;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import java.time.Duration;
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
    private final VolumeRestorer restorer;
    private final RestorationStatusFactory statuses;
    private final RestorationStatusWriter writer;
    private final RestorationEvents events;
    private final Duration recheck;

    RestoredVolumeCleanup(BulkObservation observation, VolumeRestorer restorer, RestorationStatusFactory statuses,
            RestorationStatusWriter writer, RestorationEvents events, Duration recheck) {
        this.observation = observation;
        this.restorer = restorer;
        this.statuses = statuses;
        this.writer = writer;
        this.events = events;
        this.recheck = recheck;
    }

    DeleteControl cleanup(SnapshotRestoration restoration) {
        String ns = restoration.getMetadata().getNamespace();
        String name = restoration.getMetadata().getName();
        SnapshotRestorationStatus status = restoration.getStatus();
        if (restoration.getSpec().getDeletionPolicy() != DeletionPolicy.Delete) {
            LOG.info("{}/{}: deleted; volume {} retained (deletionPolicy Retain)", ns, name,
                    status == null ? null : status.getVolumeID());
            return DeleteControl.defaultDelete();
        }
        CloudCredentialsRef credentials = status == null ? null : status.getCloudCredentialsRef();
        if (credentials == null) {
            // The Secret is recorded before every create call: without it, nothing can carry our tag, and nothing
            // is asked of Cinder (nor of a Secret that may be gone already).
            LOG.info("{}/{}: deleted; no volume was ever created", ns, name);
            return DeleteControl.defaultDelete();
        }
        try {
            return deleteVolume(restoration, credentials);
        } catch (TransientCinderException e) {
            // Say so while JOSDK retries with backoff.
            writer.write(restoration, statuses.deletionRetrying(status, generation(restoration),
                    "Deleting: " + e.getMessage()));
            throw e;
        }
    }

    private DeleteControl deleteVolume(SnapshotRestoration restoration, CloudCredentialsRef credentials) {
        String ns = restoration.getMetadata().getNamespace();
        String name = restoration.getMetadata().getName();
        SnapshotRestorationStatus status = restoration.getStatus();
        CinderVolumes volumes;
        try {
            volumes = observation.connector()
                    .connect(SnapshotRestorationReconciler.cloudKey(ns, credentials)).volumes();
        } catch (CloudConfigurationException e) {
            writer.write(restoration, statuses.failed(status, generation(restoration), Reasons.DELETION_FAILED,
                    "cannot delete the volume: " + e.getMessage()));
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(BLOCKED_RECHECK);
        }
        Optional<String> volumeId = status.getVolumeID() != null ? Optional.of(status.getVolumeID())
                : restorer.findOwned(volumes, restoration.getMetadata().getUid()).map(CinderVolume::id);
        if (volumeId.isEmpty()) {
            LOG.info("{}/{}: deleted; no volume was ever created", ns, name);
            return DeleteControl.defaultDelete();
        }
        Optional<CinderVolume> volume = volumes.get(volumeId.get());
        if (volume.isEmpty()) {
            LOG.info("{}/{}: volume {} deleted", ns, name, volumeId.get());
            events.deleted(restoration, volumeId.get());
            return DeleteControl.defaultDelete();
        }
        String cinderStatus = volume.get().status();
        if (!"deleting".equals(cinderStatus) && !"creating".equals(cinderStatus)) {
            try {
                if (restorer.delete(volumes, volumeId.get()) == DeleteOutcome.ALREADY_GONE) {
                    events.deleted(restoration, volumeId.get());
                    return DeleteControl.defaultDelete();
                }
            } catch (TerminalCinderException e) {
                // e.g. the volume is attached: the user has to detach it; look again later.
                writer.write(restoration, statuses.failed(withId(status, volumeId.get()), generation(restoration),
                        Reasons.DELETION_FAILED, e.getMessage()));
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
