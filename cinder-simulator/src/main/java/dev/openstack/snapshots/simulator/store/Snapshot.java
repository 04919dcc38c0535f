package dev.openstack.snapshots.simulator.store;

import java.time.Instant;

/** A Cinder volume snapshot; its size is the source volume's. */
public final class Snapshot extends Resource {

    private final String volumeId;
    private final int size;

    public Snapshot(String id, String projectId, Instant now, String name, String description, String volumeId, int size) {
        super(id, projectId, now, name, description, "creating");
        this.volumeId = volumeId;
        this.size = size;
    }

    public String volumeId() {
        return volumeId;
    }

    public int size() {
        return size;
    }
}
