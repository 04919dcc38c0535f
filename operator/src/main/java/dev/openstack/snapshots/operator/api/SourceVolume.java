package dev.openstack.snapshots.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** The Cinder volume to snapshot, named in exactly one way. */
@ValidationRule(
        value = "[has(self.id), has(self.name), has(self.persistentVolumeClaimName)].filter(x, x).size() == 1",
        message = "exactly one of id, name or persistentVolumeClaimName must be set")
public class SourceVolume {

    @Size(min = 1, max = 36)
    @JsonPropertyDescription("Cinder volume UUID.")
    private String id;

    @Size(min = 1, max = 255)
    @JsonPropertyDescription("Cinder volume display name, resolved to an id once; no match or several matches is an error.")
    private String name;

    @Size(min = 1, max = 253)
    @JsonPropertyDescription("A PersistentVolumeClaim in this namespace bound to a cinder.csi.openstack.org volume; its PV's volumeHandle is the Cinder volume id.")
    private String persistentVolumeClaimName;

    public SourceVolume() {
    }

    public static SourceVolume byId(String id) {
        SourceVolume v = new SourceVolume();
        v.id = id;
        return v;
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

    public String getPersistentVolumeClaimName() {
        return persistentVolumeClaimName;
    }

    public void setPersistentVolumeClaimName(String persistentVolumeClaimName) {
        this.persistentVolumeClaimName = persistentVolumeClaimName;
    }
}
