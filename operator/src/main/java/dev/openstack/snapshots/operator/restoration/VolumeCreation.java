package dev.openstack.snapshots.operator.restoration;

import dev.openstack.snapshots.operator.adoption.CreateGuard;
import dev.openstack.snapshots.operator.adoption.OwnerMatch;
import dev.openstack.snapshots.operator.adoption.UnansweredCreates;
import dev.openstack.snapshots.operator.api.CloudCredentialsRef;
import dev.openstack.snapshots.operator.api.SnapshotRestoration;
import dev.openstack.snapshots.operator.api.SnapshotRestorationStatus;
import dev.openstack.snapshots.operator.cinder.CinderException;
import dev.openstack.snapshots.operator.cinder.CinderVolume;
import dev.openstack.snapshots.operator.cinder.CinderVolumes;
import dev.openstack.snapshots.operator.cinder.NewVolume;
import dev.openstack.snapshots.operator.cinder.TransientCinderException;
import dev.openstack.snapshots.operator.status.StatusPatcher;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Links a restoration without volumeID to its Cinder volume, the way snapshots are linked (see
 * {@code snapshot/SnapshotCreation}): decided on the restoration as the API server has it; adopt the oldest volume
 * that is wholly ours (every owner tag, made from the snapshot), else - unless a create requested at T may still land
 * ({@link CreateGuard}) - write "create requested now" by compare-and-set, call Cinder, and link its answer by
 * compare-and-set. A volume with our uid but other tags or another snapshot is refused (Warning event
 * {@code AdoptionRefused}), never adopted.
 */
final class VolumeCreation {

    /** What the pass achieved. */
    sealed interface Link {
    }

    /** Linked to {@code volume} ({@code adopted}: made by an earlier pass). */
    record Linked(CinderVolume volume, boolean adopted) implements Link {
    }

    /** Nothing to link yet: look again after {@code delay}. */
    record Waiting(Duration delay) implements Link {
    }

    private static final Logger LOG = LoggerFactory.getLogger(VolumeCreation.class);
    private static final Duration SHORTEST_WAIT = Duration.ofMillis(200);
    private static final int LINK_ATTEMPTS = 5;

    private final VolumeRestorer restorer;
    private final RestorationStatusFactory statuses;
    private final CreateGuard guard;
    private final Clock clock;
    private final UnansweredCreates unansweredCreates = new UnansweredCreates();
    private final Set<String> refusalsReported = ConcurrentHashMap.newKeySet();

    VolumeCreation(VolumeRestorer restorer, RestorationStatusFactory statuses, CreateGuard guard, Clock clock) {
        this.restorer = restorer;
        this.statuses = statuses;
        this.guard = guard;
        this.clock = clock;
    }

    Link linkOrCreate(SnapshotRestoration cached, CinderVolumes volumes, String snapshotId, CloudCredentialsRef credentials,
            StatusPatcher<SnapshotRestoration, SnapshotRestorationStatus> writer, RestorationEvents events) {
        SnapshotRestoration restoration = writer.fresh(cached);
        if (restoration == null || restoration.getMetadata().getDeletionTimestamp() != null) {
            return new Waiting(SHORTEST_WAIT); // gone or going: cleanup takes over
        }
        if (restoration.getStatus() != null && restoration.getStatus().getVolumeID() != null) {
            return new Waiting(SHORTEST_WAIT); // linked meanwhile (another pass or process): follow it next time
        }
        long generation = restoration.getMetadata().getGeneration();
        ResourceID id = ResourceID.fromResource(restoration);
        NewVolume request = RestoredVolumeRequest.of(restoration, snapshotId);
        Instant listedAt = clock.instant();
        OwnerMatch.Sorted<CinderVolume> owned = restorer.findOwned(volumes, RestoredVolumeRequest.ownerTags(restoration),
                snapshotId);
        for (OwnerMatch.Refusal r : owned.refused()) {
            if (refusalsReported.add(restoration.getMetadata().getUid() + "/" + r.id())) {
                events.adoptionRefused(restoration, "Cinder volume " + r.id() + " was not adopted: " + r.why());
            }
        }
        if (!owned.ours().isEmpty()) {
            unansweredCreates.forget(id);
            return link(restoration, owned.ours().get(0), true, snapshotId, credentials, writer);
        }
        Instant requested = requestedAt(restoration);
        Optional<Instant> waitUntil = guard.mustWaitUntil(requested, listedAt);
        if (waitUntil.isPresent()) {
            writer.write(restoration, statuses.transientFailure(restoration.getStatus(), generation, "A volume create "
                    + "sent at " + requested + " got no answer; Cinder may still make it, so nothing is created again "
                    + "before " + waitUntil.get()));
            return new Waiting(guard.nextLookup(clock.instant(), waitUntil.get()));
        }
        unansweredCreates.requireSettled(id, id.toString());
        SnapshotRestoration marked = writer.claim(restoration, withMark(restoration.getStatus(), generation,
                clock.instant(), credentials));
        CinderVolume created;
        try {
            created = restorer.create(volumes, request);
        } catch (CinderException e) {
            if (e instanceof TransientCinderException t && t.httpStatus() == 0) {
                unansweredCreates.noteFailure(id, t); // no answer: the mark stays, Cinder may still make it
            } else {
                clearMark(marked, writer); // Cinder answered: it made nothing
            }
            throw e;
        }
        return link(marked, created, false, snapshotId, credentials, writer);
    }

    void forget(ResourceID restoration) {
        unansweredCreates.forget(restoration);
    }

    private Link link(SnapshotRestoration restoration, CinderVolume volume, boolean adopted, String snapshotId,
            CloudCredentialsRef credentials, StatusPatcher<SnapshotRestoration, SnapshotRestorationStatus> writer) {
        SnapshotRestoration current = restoration;
        for (int attempt = 1; current != null; attempt++) {
            SnapshotRestorationStatus status = current.getStatus();
            if (status != null && status.getVolumeID() != null) {
                LOG.info("{}/{}: volume {} not linked: already linked to {}", current.getMetadata().getNamespace(),
                        current.getMetadata().getName(), volume.id(), status.getVolumeID());
                return new Linked(volume, adopted);
            }
            SnapshotRestorationStatus next = statuses.volumeRecorded(status, current.getMetadata().getGeneration(),
                    volume, snapshotId, credentials);
            next.setCreateRequestedAt(null);
            try {
                writer.claim(current, next);
                return new Linked(volume, adopted);
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt >= LINK_ATTEMPTS) {
                    throw e; // the volume is tagged: the next pass adopts it
                }
                current = writer.fresh(current);
            }
        }
        return new Waiting(SHORTEST_WAIT);
    }

    private void clearMark(SnapshotRestoration marked, StatusPatcher<SnapshotRestoration, SnapshotRestorationStatus> writer) {
        try {
            writer.claim(marked, withMark(marked.getStatus(), marked.getMetadata().getGeneration(), null, null));
        } catch (KubernetesClientException e) {
            LOG.debug("{}/{}: create mark not cleared: {}", marked.getMetadata().getNamespace(),
                    marked.getMetadata().getName(), e.getMessage()); // costs one read timeout of waiting at most
        }
    }

    /**
     * The create mark, and with it the cloud the create goes to: a deletion must be able to look for what the create
     * may still make even when the restored snapshot (which names the cloud) is gone by then.
     */
    private static SnapshotRestorationStatus withMark(SnapshotRestorationStatus status, long generation, Instant at,
            CloudCredentialsRef credentials) {
        SnapshotRestorationStatus next = RestorationStatusFactory.copyOf(status, generation);
        next.setCreateRequestedAt(at == null ? null : at.toString());
        if (credentials != null && next.getCloudCredentialsRef() == null) {
            next.setCloudCredentialsRef(new CloudCredentialsRef(credentials.getSecretName(), credentials.getCloudName()));
        }
        return next;
    }

    static Instant requestedAt(SnapshotRestoration restoration) {
        String at = restoration.getStatus() == null ? null : restoration.getStatus().getCreateRequestedAt();
        return at == null || at.isEmpty() ? null : Instant.parse(at);
    }
}
