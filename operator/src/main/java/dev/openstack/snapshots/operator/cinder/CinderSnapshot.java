package dev.openstack.snapshots.operator.cinder;

import java.time.Instant;
import java.util.Map;

/** A Cinder snapshot as Cinder reports it. {@code status} is Cinder's own word (creating, available, ...). */
public record CinderSnapshot(
        String id,
        String name,
        String description,
        String status,
        String volumeId,
        int sizeGiB,
        Map<String, String> metadata,
        Instant createdAt,
        Instant updatedAt) {

    public CinderSnapshot {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }
}
