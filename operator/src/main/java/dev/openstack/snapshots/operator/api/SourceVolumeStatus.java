package dev.openstack.snapshots.operator.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** The Cinder volume the snapshot was taken from, as resolved once from spec.sourceVolume. */
@JsonIgnoreProperties(ignoreUnknown = true) // a later operator's field must not make objects unreadable after a rollback
public class SourceVolumeStatus {

    @JsonPropertyDescription("Cinder volume UUID.")
    private String id;

    @JsonPropertyDescription("Cinder volume display name at the time it was resolved.")
    private String name;

    public SourceVolumeStatus() {
    }

    public SourceVolumeStatus(String id, String name) {
        this.id = id;
        this.name = name;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SourceVolumeStatus other && Objects.equals(id, other.id) && Objects.equals(name, other.name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, name);
    }
}
