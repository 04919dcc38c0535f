package dev.openstack.snapshots.operator.cinder;

import java.util.Map;

/** What to create: {@code description} may be null; {@code metadata} includes the owner tags. */
public record NewSnapshot(String volumeId, String name, String description, boolean force, Map<String, String> metadata) {

    public NewSnapshot {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }
}
