package dev.openstack.snapshots.operator.api;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;

/** What the user wants: a Cinder snapshot of a volume (or an existing one to adopt), and how to keep it. */
@JsonClassDescription("What you want: a Cinder snapshot of sourceVolume (or the existing Cinder snapshot backendID to "
        + "adopt), its Cinder name, description and metadata, its retention and what deleting the object does.")
@ValidationRule(
        value = "has(self.sourceVolume) != has(self.backendID)",
        message = "exactly one of sourceVolume or backendID must be set")
@ValidationRule(
        value = "has(self.sourceVolume) == has(oldSelf.sourceVolume) && has(self.backendID) == has(oldSelf.backendID)",
        message = "sourceVolume and backendID cannot be added or removed after creation")
public class OpenStackSnapshotSpec {

    /** Which clouds.yaml Secret and cloud to use. */
    @Required
    @ValidationRule(value = "self == oldSelf", message = "cloudCredentialsRef is immutable")
    @JsonPropertyDescription("The Secret in this namespace holding clouds.yaml, and the cloud entry to use. Immutable.")
    private CloudCredentialsRef cloudCredentialsRef;

    /** The volume to snapshot; immutable. */
    @ValidationRule(value = "self == oldSelf", message = "sourceVolume is immutable")
    @JsonPropertyDescription("The Cinder volume to snapshot: exactly one of id, name or persistentVolumeClaimName. "
            + "Immutable. Mutually exclusive with backendID.")
    private SourceVolume sourceVolume;

    /** An existing Cinder snapshot to adopt instead of creating one; immutable. */
    @Size(min = 1, max = 36)
    @ValidationRule(value = "self == oldSelf", message = "backendID is immutable")
    @JsonPropertyDescription("Id of an existing Cinder snapshot to adopt (import) instead of creating one. Immutable. "
            + "Mutually exclusive with sourceVolume. Refused (InvalidConfiguration) when the Cinder snapshot carries another "
            + "object's owner tags or another object already manages it. deletionPolicy defaults to Retain for an import.")
    private String backendID;

    /** Cinder display name. */
    @Size(max = 255)
    @JsonPropertyDescription("Cinder display name of the snapshot; defaults to metadata.name. At most 255 characters.")
    private String name;

    /** Cinder description. */
    @Size(max = 255)
    @JsonPropertyDescription("Cinder description of the snapshot. At most 255 characters.")
    private String description;

    /** User metadata kept in sync with Cinder. */
    @Size(max = 128)
    @ValidationRule(
            value = "self.all(k, size(k) <= 255 && size(self[k]) <= 255)",
            message = "metadata keys and values must be at most 255 characters")
    @ValidationRule(
            value = "self.all(k, !k.startsWith('k8s-owner-'))",
            message = "metadata keys starting with k8s-owner- are reserved for the operator")
    @JsonPropertyDescription("Cinder snapshot metadata, pushed to Cinder and kept in sync. Keys and values at most 255 "
            + "characters; keys starting with k8s-owner- are reserved.")
    private Map<String, String> metadata;

    /** Allow snapshotting an attached volume. */
    @Default("false")
    @JsonPropertyDescription("Allow snapshotting a volume that is attached (in-use). Only used at creation.")
    private Boolean force;

    /** Retention instant. */
    @Size(max = 64)
    @Pattern("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$")
    @JsonPropertyDescription("Retention (RFC 3339): when this instant passes, the Cinder snapshot and then this object "
            + "are deleted (with deletionPolicy Retain only the object). Absent: kept forever.")
    private String keptUntil;

    /**
     * What deleting the object does in Cinder. No schema default: the default depends on backendID (a CRD default
     * cannot), so the operator resolves it and shows the one in force in status.deletionPolicy.
     */
    @JsonPropertyDescription("Delete: deleting the object deletes the Cinder snapshot. Retain: the Cinder snapshot is "
            + "left in place. Default: Delete for a snapshot the operator creates (sourceVolume), Retain for an import "
            + "(backendID), so that importing never puts a snapshot at risk by default. status.deletionPolicy shows the "
            + "one in force.")
    private DeletionPolicy deletionPolicy;

    public CloudCredentialsRef getCloudCredentialsRef() {
        return cloudCredentialsRef;
    }

    public void setCloudCredentialsRef(CloudCredentialsRef cloudCredentialsRef) {
        this.cloudCredentialsRef = cloudCredentialsRef;
    }

    public SourceVolume getSourceVolume() {
        return sourceVolume;
    }

    public void setSourceVolume(SourceVolume sourceVolume) {
        this.sourceVolume = sourceVolume;
    }

    public String getBackendID() {
        return backendID;
    }

    public void setBackendID(String backendID) {
        this.backendID = backendID;
    }

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

    public String getKeptUntil() {
        return keptUntil;
    }

    public void setKeptUntil(String keptUntil) {
        this.keptUntil = keptUntil;
    }

    public DeletionPolicy getDeletionPolicy() {
        return deletionPolicy;
    }

    public void setDeletionPolicy(DeletionPolicy deletionPolicy) {
        this.deletionPolicy = deletionPolicy;
    }
}
