package dev.openstack.snapshots.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** Names an OpenStackSnapshot in the restoration's own namespace. */
public class SnapshotReference {

    @Required
    @Size(min = 1, max = 253)
    @JsonPropertyDescription("Name of an OpenStackSnapshot in this namespace.")
    private String name;

    public SnapshotReference() {
    }

    public SnapshotReference(String name) {
        this.name = name;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }
}
