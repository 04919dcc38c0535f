package dev.openstack.snapshots.operator.restoration;

import dev.openstack.snapshots.operator.adoption.UnansweredCreates;
import dev.openstack.snapshots.operator.cinder.CinderVolume;
import dev.openstack.snapshots.operator.cinder.CinderVolumes;
import dev.openstack.snapshots.operator.cinder.DeleteOutcome;
import dev.openstack.snapshots.operator.cinder.NewVolume;
import dev.openstack.snapshots.operator.cinder.OwnerTags;
import dev.openstack.snapshots.operator.cinder.TransientCinderException;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The only place that changes Cinder on behalf of a restoration: create (adopting first) and delete. */
final class VolumeRestorer {

    /** What {@link #adoptOrCreate} did. */
    record Restored(CinderVolume volume, boolean adopted) {
    }

    private final UnansweredCreates unansweredCreates = new UnansweredCreates();

    /**
     * Returns the volume tagged with the restoration's uid if an earlier pass created it (a crash between
     * Cinder's answer and the status write), otherwise asks Cinder to create one. After a create that got
     * no answer, an empty lookup throws a transient error for a while instead of creating a second volume.
     */
    Restored adoptOrCreate(ResourceID restoration, CinderVolumes volumes, NewVolume request) {
        String uid = request.metadata().get(OwnerTags.UID);
        Optional<CinderVolume> existing = oldest(volumes.findByMetadata(OwnerTags.UID, uid));
        if (existing.isPresent()) {
            unansweredCreates.forget(restoration);
            return new Restored(existing.get(), true);
        }
        unansweredCreates.requireSettled(restoration, restoration.toString());
        try {
            return new Restored(volumes.createFromSnapshot(request), false);
        } catch (TransientCinderException e) {
            unansweredCreates.noteFailure(restoration, e);
            throw e;
        }
    }

    /** The restoration is gone: nothing to wait for any more. */
    void forget(ResourceID restoration) {
        unansweredCreates.forget(restoration);
    }

    /** Finds the volume when the status lost its id (deletion before the id was written). */
    Optional<CinderVolume> findOwned(CinderVolumes volumes, String uid) {
        return oldest(volumes.findByMetadata(OwnerTags.UID, uid));
    }

    DeleteOutcome delete(CinderVolumes volumes, String volumeId) {
        return volumes.delete(volumeId);
    }

    private static Optional<CinderVolume> oldest(List<CinderVolume> volumes) {
        return volumes.stream().min(Comparator.comparing(CinderVolume::createdAt,
                Comparator.nullsLast(Comparator.naturalOrder())));
    }
}
