package dev.openstack.snapshots.operator.restoration;

import dev.openstack.snapshots.operator.cinder.CinderVolume;
import dev.openstack.snapshots.operator.cinder.CinderVolumes;
import dev.openstack.snapshots.operator.cinder.DeleteOutcome;
import dev.openstack.snapshots.operator.cinder.NewVolume;
import dev.openstack.snapshots.operator.cinder.OwnerTags;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The only place that changes Cinder on behalf of a restoration: create and delete; and the owner-tag lookup. */
final class VolumeRestorer {

    /** The volume tagged with the restoration's uid (the oldest, should there be several). */
    Optional<CinderVolume> findOwned(CinderVolumes volumes, String uid) {
        return oldest(volumes.findByMetadata(OwnerTags.UID, uid));
    }

    CinderVolume create(CinderVolumes volumes, NewVolume request) {
        return volumes.createFromSnapshot(request);
    }

    DeleteOutcome delete(CinderVolumes volumes, String volumeId) {
        return volumes.delete(volumeId);
    }

    private static Optional<CinderVolume> oldest(List<CinderVolume> volumes) {
        return volumes.stream().min(Comparator.comparing(CinderVolume::createdAt,
                Comparator.nullsLast(Comparator.naturalOrder())));
    }
}
