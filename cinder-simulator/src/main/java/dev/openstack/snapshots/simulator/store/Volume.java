package dev.openstack.snapshots.simulator.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A Cinder volume. */
public final class Volume extends Resource {

    private final int size;
    private final String snapshotId;
    private final List<Attachment> attachments = new ArrayList<>();

    public Volume(String id, String projectId, Instant now, String name, String description, int size, String snapshotId) {
        super(id, projectId, now, name, description, "creating");
        this.size = size;
        this.snapshotId = snapshotId;
    }

    public int size() {
        return size;
    }

    public String snapshotId() {
        return snapshotId;
    }

    public List<Attachment> attachments() {
        return attachments;
    }
}
