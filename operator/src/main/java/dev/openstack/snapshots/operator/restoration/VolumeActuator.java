package dev.openstack.snapshots.operator.restoration;

import dev.openstack.snapshots.operator.cinder.SendDeadline;
import dev.openstack.snapshots.operator.adoption.OwnerMatch;
import dev.openstack.snapshots.operator.api.SnapshotRestoration;
import dev.openstack.snapshots.operator.cinder.CinderVolume;
import dev.openstack.snapshots.operator.cinder.CinderVolumes;
import dev.openstack.snapshots.operator.cinder.DeleteOutcome;
import dev.openstack.snapshots.operator.cinder.OwnerTags;
import dev.openstack.snapshots.operator.flow.Actuator;

/**
 * The only place that changes Cinder on behalf of a restoration (create, delete), and its owner-tag lookup; bound to
 * one connection and to the Cinder snapshot restored from ({@code snapshotId}, null when not known: then any parent).
 */
final class VolumeActuator implements Actuator<SnapshotRestoration, CinderVolume> {

    private final CinderVolumes volumes;
    private final String snapshotId;

    VolumeActuator(CinderVolumes volumes, String snapshotId) {
        this.volumes = volumes;
        this.snapshotId = snapshotId;
    }

    @Override
    public String noun() {
        return "Cinder volume";
    }

    @Override
    public String idOf(CinderVolume backend) {
        return backend.id();
    }

    /** The volumes carrying the restoration's uid: its own (whole tag set, made from the snapshot), oldest first. */
    @Override
    public OwnerMatch.Sorted<CinderVolume> findOwned(SnapshotRestoration restoration) {
        OwnerTags owner = RestoredVolumeRequest.ownerTags(restoration);
        return OwnerMatch.sort(owner, snapshotId, volumes.findByMetadata(OwnerTags.UID, owner.uid()),
                v -> new OwnerMatch.Candidate(v.id(), v.metadata(), v.snapshotId(), v.createdAt()));
    }

    @Override
    public CinderVolume create(SnapshotRestoration restoration, SendDeadline sendBy) {
        return volumes.createFromSnapshot(RestoredVolumeRequest.of(restoration, snapshotId), sendBy);
    }

    @Override
    public DeleteOutcome delete(SnapshotRestoration restoration, String id) {
        return volumes.delete(id);
    }

    @Override
    public boolean isTransitional(CinderVolume volume) {
        return "creating".equals(volume.status()) || "deleting".equals(volume.status());
    }

}
