package dev.openstack.snapshots.operator.api;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** What to restore, into what kind of volume, and what deleting the object does to that volume. */
@JsonClassDescription("Which snapshot to restore, into what kind of volume, and what deleting the object does to that "
        + "volume.")
public class SnapshotRestorationSpec {

    @Required
    @ValidationRule(value = "self == oldSelf", message = "snapshotRef is immutable")
    @JsonPropertyDescription("The OpenStackSnapshot (in this namespace) to restore. Immutable.")
    private SnapshotReference snapshotRef;

    @JsonPropertyDescription("The Cinder volume to create from the snapshot. Every field is optional.")
    private RestoredVolumeSpec volume;

    @Default("Retain")
    @JsonPropertyDescription("Retain (default): deleting this object leaves the restored volume in Cinder. "
            + "Delete: deleting this object deletes the volume and waits until Cinder no longer has it.")
    private DeletionPolicy deletionPolicy = DeletionPolicy.Retain;

    public SnapshotReference getSnapshotRef() {
        return snapshotRef;
    }

    public void setSnapshotRef(SnapshotReference snapshotRef) {
        this.snapshotRef = snapshotRef;
    }

    public RestoredVolumeSpec getVolume() {
        return volume;
    }

    public void setVolume(RestoredVolumeSpec volume) {
        this.volume = volume;
    }

    public DeletionPolicy getDeletionPolicy() {
        return deletionPolicy;
    }

    public void setDeletionPolicy(DeletionPolicy deletionPolicy) {
        this.deletionPolicy = deletionPolicy;
    }
}
