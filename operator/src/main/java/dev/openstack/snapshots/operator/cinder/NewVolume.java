package dev.openstack.snapshots.operator.cinder;

import java.util.Map;

/**
 * A volume to create from a snapshot. {@code sizeGiB}, {@code volumeType} and {@code availabilityZone}
 * may be null (Cinder then uses the snapshot's size and its defaults).
 */
public record NewVolume(
        String snapshotId,
        String name,
        String description,
        Integer sizeGiB,
        String volumeType,
        String availabilityZone,
        Map<String, String> metadata) {

    public NewVolume {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }
}
