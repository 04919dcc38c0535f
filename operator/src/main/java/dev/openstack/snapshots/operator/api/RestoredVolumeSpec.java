package dev.openstack.snapshots.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;

/** The Cinder volume a restoration creates from the snapshot. Every field is optional. */
public class RestoredVolumeSpec {

    @Size(min = 1, max = 255)
    @JsonPropertyDescription("Cinder display name of the new volume. Defaults to metadata.name of the restoration.")
    private String name;

    @Size(max = 255)
    @JsonPropertyDescription("Cinder description of the new volume. Defaults to 'Restored from snapshot <snapshot name>'.")
    private String description;

    @Min(1)
    @Max(NumericLimits.MAX_GIB)
    @JsonPropertyDescription("Size of the new volume in GiB; at least the snapshot's size (Cinder refuses smaller). Defaults to the snapshot's size.")
    private Integer sizeGiB;

    @Size(min = 1, max = 255)
    @JsonPropertyDescription("Cinder volume type of the new volume. Defaults to the cloud's default type.")
    private String volumeType;

    @Size(min = 1, max = 255)
    @JsonPropertyDescription("Availability zone of the new volume. Defaults to the cloud's default zone.")
    private String availabilityZone;

    @Size(max = 128)
    @ValidationRule(
            value = "self.all(k, size(k) >= 1 && size(k) <= 255 && size(self[k]) <= 255 && !k.startsWith('k8s-owner-'))",
            message = "metadata keys must be 1-255 characters, values at most 255, and keys must not start with k8s-owner- (reserved for the operator)")
    @JsonPropertyDescription("Cinder metadata of the new volume. The operator adds its own k8s-owner-* keys to find the volume again after a restart.")
    private Map<String, String> metadata;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public Integer getSizeGiB() {
        return sizeGiB;
    }

    public void setSizeGiB(Integer sizeGiB) {
        this.sizeGiB = sizeGiB;
    }

    public String getVolumeType() {
        return volumeType;
    }

    public void setVolumeType(String volumeType) {
        this.volumeType = volumeType;
    }

    public String getAvailabilityZone() {
        return availabilityZone;
    }

    public void setAvailabilityZone(String availabilityZone) {
        this.availabilityZone = availabilityZone;
    }

    public Map<String, String> getMetadata() {
        return metadata;
    }

    public void setMetadata(Map<String, String> metadata) {
        this.metadata = metadata;
    }
}
