package dev.openstack.snapshots.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;

/** What every OpenStackSnapshot a schedule creates looks like, besides its source and retention. */
public class SnapshotTemplate {

    @Size(max = 64)
    @ValidationRule(
            value = "self.all(k, !k.startsWith('blockstorage.openstack.dev/'))",
            message = "label keys under blockstorage.openstack.dev/ are set by the operator")
    @JsonPropertyDescription("Labels put on each created OpenStackSnapshot, in addition to "
            + "blockstorage.openstack.dev/schedule and blockstorage.openstack.dev/schedule-source, which the operator sets.")
    private Map<String, String> labels;

    @Size(max = 255)
    @JsonPropertyDescription("Cinder description of each created snapshot. At most 255 characters.")
    private String description;

    @Size(max = 128)
    @ValidationRule(
            value = "self.all(k, size(k) <= 255 && size(self[k]) <= 255)",
            message = "metadata keys and values must be at most 255 characters")
    @ValidationRule(
            value = "self.all(k, !k.startsWith('k8s-owner-'))",
            message = "metadata keys starting with k8s-owner- are reserved for the operator")
    @JsonPropertyDescription("Cinder metadata of each created snapshot. Keys and values at most 255 characters; keys "
            + "starting with k8s-owner- are reserved.")
    private Map<String, String> metadata;

    @Default("false")
    @JsonPropertyDescription("Allow snapshotting volumes that are attached (in-use). Snapshots of PVCs mounted by a "
            + "running pod need this.")
    private Boolean force;

    @Default("Delete")
    @JsonPropertyDescription("deletionPolicy of each created snapshot. Delete (default): deleting the snapshot object, "
            + "by hand, by expiry or by maxCount, deletes the Cinder snapshot. Retain: the Cinder snapshot stays.")
    private DeletionPolicy deletionPolicy;

    public Map<String, String> getLabels() {
        return labels;
    }

    public void setLabels(Map<String, String> labels) {
        this.labels = labels;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public Map<String, String> getMetadata() {
        return metadata;
    }

    public void setMetadata(Map<String, String> metadata) {
        this.metadata = metadata;
    }

    public Boolean getForce() {
        return force;
    }

    public void setForce(Boolean force) {
        this.force = force;
    }

    public DeletionPolicy getDeletionPolicy() {
        return deletionPolicy;
    }

    public void setDeletionPolicy(DeletionPolicy deletionPolicy) {
        this.deletionPolicy = deletionPolicy;
    }
}
