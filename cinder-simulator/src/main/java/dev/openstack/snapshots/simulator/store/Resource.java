package dev.openstack.snapshots.simulator.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What volumes and snapshots share. Mutable, guarded by the {@link BlockStore} lock. {@code createdAt} is kept
 * with whole seconds only, as Cinder's MariaDB DATETIME column does; that truncation decides the default order.
 */
public abstract class Resource {

    private final String id;
    private final String projectId;
    private final Instant createdAt;
    private final Instant createdAtPrecise;
    private Instant updatedAt;
    private String name;
    private String description;
    private String status;
    private final Map<String, String> metadata = new LinkedHashMap<>();

    protected Resource(String id, String projectId, Instant now, String name, String description, String status) {
        this.id = id;
        this.projectId = projectId;
        this.createdAtPrecise = now.truncatedTo(ChronoUnit.MICROS);
        this.createdAt = now.truncatedTo(ChronoUnit.SECONDS);
        this.name = name;
        this.description = description;
        this.status = status;
    }

    public String id() {
        return id;
    }

    public String projectId() {
        return projectId;
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** The create answer shows the not-yet-stored timestamp with microseconds. */
    public Instant createdAtPrecise() {
        return createdAtPrecise;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public String status() {
        return status;
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    public void touch(Instant now) {
        this.updatedAt = now.truncatedTo(ChronoUnit.SECONDS);
    }

    public void setName(String name) {
        this.name = name;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    /** Replace keeps the position of surviving keys and appends new ones, like Cinder's metadata rows. */
    public void replaceMetadata(Map<String, String> replacement) {
        metadata.keySet().retainAll(replacement.keySet());
        metadata.putAll(replacement);
    }
}
