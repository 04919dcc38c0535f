package dev.openstack.snapshots.operator.restoration;

import dev.openstack.snapshots.operator.api.RestoredClaimSpec;
import dev.openstack.snapshots.operator.api.RestoredVolumeSpec;
import dev.openstack.snapshots.operator.api.SnapshotRestoration;
import dev.openstack.snapshots.operator.cinder.NewVolume;
import dev.openstack.snapshots.operator.cinder.OwnerTags;
import java.util.LinkedHashMap;
import java.util.Map;

/** The Cinder volume a restoration asks for: its spec with the documented defaults, plus our owner tags. */
final class RestoredVolumeRequest {

    static final String KIND = "SnapshotRestoration";

    private RestoredVolumeRequest() {
    }

    static NewVolume of(SnapshotRestoration restoration, String cinderSnapshotId) {
        RestoredVolumeSpec volume = restoration.getSpec().getVolume() == null
                ? new RestoredVolumeSpec() : restoration.getSpec().getVolume();
        Map<String, String> metadata = new LinkedHashMap<>();
        if (volume.getMetadata() != null) {
            metadata.putAll(volume.getMetadata());
        }
        metadata.putAll(ownerTags(restoration).asMetadata());
        RestoredClaimSpec claim = restoration.getSpec().getPersistentVolumeClaim();
        if (claim != null) {
            // A claim target carries the volume's size, type and zone itself (spec.volume is then absent).
            return new NewVolume(cinderSnapshotId, name(restoration), description(restoration), claim.getSizeGiB(),
                    claim.getVolumeType(), claim.getAvailabilityZone(), metadata);
        }
        return new NewVolume(cinderSnapshotId, name(restoration), description(restoration), volume.getSizeGiB(),
                volume.getVolumeType(), volume.getAvailabilityZone(), metadata);
    }

    static OwnerTags ownerTags(SnapshotRestoration restoration) {
        return new OwnerTags(KIND, restoration.getMetadata().getNamespace(), restoration.getMetadata().getName(),
                restoration.getMetadata().getUid());
    }

    static String name(SnapshotRestoration restoration) {
        RestoredVolumeSpec volume = restoration.getSpec().getVolume();
        return volume != null && volume.getName() != null ? volume.getName() : restoration.getMetadata().getName();
    }

    static String description(SnapshotRestoration restoration) {
        RestoredVolumeSpec volume = restoration.getSpec().getVolume();
        return volume != null && volume.getDescription() != null ? volume.getDescription()
                : "Restored from snapshot " + restoration.getSpec().getSnapshotRef().getName();
    }
}
