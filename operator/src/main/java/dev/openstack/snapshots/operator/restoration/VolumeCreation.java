package dev.openstack.snapshots.operator.restoration;

import dev.openstack.snapshots.operator.adoption.CreateGuard;
import dev.openstack.snapshots.operator.api.CloudCredentialsRef;
import dev.openstack.snapshots.operator.api.SnapshotRestoration;
import dev.openstack.snapshots.operator.api.SnapshotRestorationStatus;
import dev.openstack.snapshots.operator.cinder.CinderVolume;
import dev.openstack.snapshots.operator.cinder.CinderVolumes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Links a restoration that has no volumeID yet to its Cinder volume: adopts the one an earlier pass (or another
 * operator process) made, or creates one - never two, across restarts and overlapping processes. Decided on the
 * restoration as the API server has it, not the informer's copy:
 * <ol>
 * <li>a volume tagged with the restoration's uid is adopted (the oldest);</li>
 * <li>else, while a create requested at T may still land ({@link CreateGuard}), nothing is created;</li>
 * <li>else "volume requested now" is written by compare-and-set ({@link RestorationStatusWriter#claim}), and only once
 * the API server confirmed it is Cinder called; its answer is linked by compare-and-set too.</li>
 * </ol>
 */
final class VolumeCreation {

    /** What the pass achieved. */
    sealed interface Result {
    }

    /** Linked to {@code volume}, {@code created} in this pass or adopted. */
    record Linked(CinderVolume volume, boolean created) implements Result {
    }

    /** Nothing to link yet: look again after {@code delay}. */
    record Waiting(Duration delay) implements Result {
    }

    private static final Duration SHORTEST_WAIT = Duration.ofMillis(200);

    private final VolumeRestorer restorer;
    private final RestorationStatusFactory statuses;
    private final CreateGuard guard;
    private final Clock clock;

    VolumeCreation(VolumeRestorer restorer, RestorationStatusFactory statuses, CreateGuard guard, Clock clock) {
        this.restorer = restorer;
        this.statuses = statuses;
        this.guard = guard;
        this.clock = clock;
    }

    Result linkOrCreate(SnapshotRestoration cached, RestorationStatusWriter writer, CinderVolumes volumes,
            String cinderSnapshotId, CloudCredentialsRef credentials) {
        SnapshotRestoration restoration = writer.fresh(cached);
        if (restoration == null || restoration.getMetadata().getDeletionTimestamp() != null) {
            return new Waiting(SHORTEST_WAIT); // gone or going: the cleanup takes over
        }
        SnapshotRestorationStatus status = restoration.getStatus();
        if (status != null && status.getVolumeID() != null) {
            return new Waiting(SHORTEST_WAIT); // linked meanwhile (another process): the next pass follows it
        }
        long generation = restoration.getMetadata().getGeneration();
        Instant listedAt = clock.instant();
        Optional<CinderVolume> owned = restorer.findOwned(volumes, restoration.getMetadata().getUid());
        if (owned.isPresent()) {
            writer.claim(restoration, statuses.volumeRecorded(status, generation, owned.get(), cinderSnapshotId, credentials));
            return new Linked(owned.get(), false);
        }
        Optional<Instant> until = guard.mustWaitUntil(requestedAt(status), listedAt);
        if (until.isPresent()) {
            writer.write(restoration, statuses.awaitingUnansweredCreate(status, generation, until.get(), false));
            return new Waiting(waitFor(until.get()));
        }
        SnapshotRestoration marked = writer.claim(restoration,
                statuses.volumeRequested(status, generation, cinderSnapshotId, credentials, clock.instant()));
        CinderVolume created = restorer.create(volumes, RestoredVolumeRequest.of(marked, cinderSnapshotId));
        writer.claim(marked, statuses.volumeRecorded(marked.getStatus(), generation, created, cinderSnapshotId, credentials));
        return new Linked(created, true);
    }

    /** How long until a listing can prove that nothing will appear, and a little more. */
    Duration waitFor(Instant until) {
        Duration left = Duration.between(clock.instant(), until);
        return left.compareTo(SHORTEST_WAIT) < 0 ? SHORTEST_WAIT : left.plus(SHORTEST_WAIT);
    }

    /** When the unanswered volume create was sent, or null when none is pending. */
    static Instant requestedAt(SnapshotRestorationStatus status) {
        return status == null || status.getVolumeRequestedAt() == null ? null : Instant.parse(status.getVolumeRequestedAt());
    }
}
