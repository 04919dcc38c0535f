package dev.openstack.snapshots.operator.cinder;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A Cinder volume as Cinder reports it. {@code devices} are the attachment devices (e.g. /dev/vdb),
 * empty when the volume is not attached.
 */
public record CinderVolume(
        String id,
        String name,
        String description,
        String status,
        int sizeGiB,
        String snapshotId,
        String volumeType,
        String availabilityZone,
        Map<String, String> metadata,
        List<String> devices,
        Instant createdAt,
        Instant updatedAt) {

    public CinderVolume {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        devices = devices == null ? List.of() : List.copyOf(devices);
    }
}
