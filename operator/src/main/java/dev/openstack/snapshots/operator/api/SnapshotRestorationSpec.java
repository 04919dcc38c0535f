package dev.openstack.snapshots.operator.api;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** What to restore, into what kind of volume, and what deleting the object does to that volume. */
@JsonClassDescription("Which snapshot to restore, into what kind of volume, and what deleting the object does to that "
        + "volume.")
@ValidationRule(
        value = "!(has(self.volume) && has(self.persistentVolumeClaim))",
        message = "at most one of volume or persistentVolumeClaim may be set")
@ValidationRule(
        value = "has(self.persistentVolumeClaim) == has(oldSelf.persistentVolumeClaim)",
        message = "persistentVolumeClaim cannot be added or removed after creation")
public class SnapshotRestorationSpec {

    @Required
    @ValidationRule(value = "self == oldSelf", message = "snapshotRef is immutable")
    @JsonPropertyDescription("The OpenStackSnapshot (in this namespace) to restore. Immutable.")
    private SnapshotReference snapshotRef;

    @JsonPropertyDescription("The Cinder volume to create from the snapshot. Every field is optional.")
    private RestoredVolumeSpec volume;

    @ValidationRule(value = "self == oldSelf", message = "persistentVolumeClaim is immutable")
    @JsonPropertyDescription("Restore into a PersistentVolumeClaim of this namespace instead of a bare volume: the "
            + "operator creates the Cinder volume, a CSI PersistentVolume pre-bound to the claim, and the claim; the "
            + "restoration is Ready once Kubernetes has bound them. Mutually exclusive with volume. Immutable.")
    private RestoredClaimSpec persistentVolumeClaim;

    @Default("Retain")
    @JsonPropertyDescription("Retain (default): deleting this object leaves the restored volume in Cinder (and the PV "
            + "and claim, unlabelled, PV reclaim policy Retain). Delete: deleting this object deletes the claim (once no "
            + "pod uses it), the PV, then the volume, and waits until Cinder no longer has it. Also the PV's reclaim "
            + "policy.")
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

    public RestoredClaimSpec getPersistentVolumeClaim() {
        return persistentVolumeClaim;
    }

    public void setPersistentVolumeClaim(RestoredClaimSpec persistentVolumeClaim) {
        this.persistentVolumeClaim = persistentVolumeClaim;
    }

    public DeletionPolicy getDeletionPolicy() {
        return deletionPolicy;
    }

    public void setDeletionPolicy(DeletionPolicy deletionPolicy) {
        this.deletionPolicy = deletionPolicy;
    }
}
