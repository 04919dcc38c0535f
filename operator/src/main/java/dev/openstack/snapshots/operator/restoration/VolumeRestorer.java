package dev.openstack.snapshots.operator.restoration;

import dev.openstack.snapshots.operator.cinder.CinderVolume;
import dev.openstack.snapshots.operator.cinder.CinderVolumes;
import dev.openstack.snapshots.operator.cinder.DeleteOutcome;
import dev.openstack.snapshots.operator.cinder.NewVolume;
import dev.openstack.snapshots.operator.cinder.OwnerTags;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The only place that changes Cinder on behalf of a restoration: create (adopting first) and delete. */
final class VolumeRestorer {

    /** What {@link #adoptOrCreate} did. */
    record Restored(CinderVolume volume, boolean adopted) {
    }

    /**
     * Returns the volume tagged with the restoration's uid if an earlier pass created it (a crash between
     * Cinder's answer and the status write), otherwise asks Cinder to create one.
     */
    Restored adoptOrCreate(CinderVolumes volumes, NewVolume request) {
        String uid = request.metadata().get(OwnerTags.UID);
        Optional<CinderVolume> existing = oldest(volumes.findByMetadata(OwnerTags.UID, uid));
        if (existing.isPresent()) {
            return new Restored(existing.get(), true);
        }
        return new Restored(volumes.createFromSnapshot(request), false);
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
