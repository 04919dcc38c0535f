package dev.openstack.snapshots.operator.restoration;

import dev.openstack.snapshots.operator.adoption.OwnerMatch;
import dev.openstack.snapshots.operator.cinder.CinderVolume;
import dev.openstack.snapshots.operator.cinder.CinderVolumes;
import dev.openstack.snapshots.operator.cinder.DeleteOutcome;
import dev.openstack.snapshots.operator.cinder.NewVolume;
import dev.openstack.snapshots.operator.cinder.OwnerTags;

/** The only place that changes Cinder on behalf of a restoration (create, delete), and its owner-tag lookup. */
final class VolumeRestorer {

    /**
     * The volumes carrying the restoration's uid: its own (whole tag set, and made from {@code snapshotId} when
     * known), oldest first, and the refused ones.
     */
    OwnerMatch.Sorted<CinderVolume> findOwned(CinderVolumes volumes, OwnerTags owner, String snapshotId) {
        return OwnerMatch.sort(owner, snapshotId, volumes.findByMetadata(OwnerTags.UID, owner.uid()),
                v -> new OwnerMatch.Candidate(v.id(), v.metadata(), v.snapshotId(), v.createdAt()));
    }

    CinderVolume create(CinderVolumes volumes, NewVolume request) {
        return volumes.createFromSnapshot(request);
    }

    DeleteOutcome delete(CinderVolumes volumes, String volumeId) {
        return volumes.delete(volumeId);
    }
}
