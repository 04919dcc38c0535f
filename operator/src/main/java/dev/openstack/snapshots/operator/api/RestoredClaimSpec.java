package dev.openstack.snapshots.operator.api;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Restore into a PersistentVolumeClaim a pod can mount: the operator creates the Cinder volume, a PV for it
 * (CSI, pre-bound) and this PVC with volumeName set; the PV controller binds them.
 */
@JsonClassDescription("The PersistentVolumeClaim to restore into: the operator creates the Cinder volume, a CSI "
        + "PersistentVolume for it pre-bound to this claim, and the claim itself; Kubernetes binds them. Immutable.")
public class RestoredClaimSpec {

    /** How a pod may mount the claim; the values of core/v1 PersistentVolumeAccessMode. */
    public enum AccessMode { ReadWriteOnce, ReadOnlyMany, ReadWriteMany, ReadWriteOncePod }

    /** core/v1 PersistentVolumeMode. */
    public enum VolumeMode { Filesystem, Block }

    @Required
    @Size(min = 1, max = 253)
    @Pattern("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")
    @JsonPropertyDescription("Name of the PersistentVolumeClaim to create in this namespace. It must not exist yet: an "
            + "existing claim that this restoration did not create is never touched.")
    private String name;

    @Size(max = 253)
    @JsonPropertyDescription("storageClassName of the PV and the claim. If that StorageClass exists its provisioner must "
            + "be the cloud's CSI driver. Unset: \"\" (no class), so no default class and no dynamic provisioning "
            + "interferes.")
    private String storageClassName;

    @Size(min = 1, max = 4)
    @Default("[\"ReadWriteOnce\"]")
    @JsonPropertyDescription("Access modes of the PV and the claim. Default [ReadWriteOnce].")
    private List<AccessMode> accessModes = new ArrayList<>(List.of(AccessMode.ReadWriteOnce));

    @Default("Filesystem")
    @JsonPropertyDescription("Filesystem (default) or Block.")
    private VolumeMode volumeMode = VolumeMode.Filesystem;

    @Size(max = 64)
    @JsonPropertyDescription("Labels of the claim (the operator adds its own blockstorage.openstack.dev/ ones).")
    private Map<String, String> labels;

    @Size(max = 64)
    @JsonPropertyDescription("Annotations of the claim.")
    private Map<String, String> annotations;

    @Min(1)
    @Max(NumericLimits.MAX_GIB)
    @JsonPropertyDescription("Size of the volume, the PV and the claim in GiB; at least the snapshot's size. Defaults to "
            + "the snapshot's size.")
    private Integer sizeGiB;

    @Size(min = 1, max = 63)
    @JsonPropertyDescription("Filesystem type the CSI driver formats/mounts the volume with (e.g. ext4, xfs). Defaults "
            + "to the driver's default.")
    private String fsType;

    @Size(min = 1, max = 255)
    @JsonPropertyDescription("Cinder volume type of the new volume. Defaults to the cloud's default type.")
    private String volumeType;

    @Size(min = 1, max = 255)
    @JsonPropertyDescription("Availability zone of the new volume (and so the PV's node affinity). Defaults to the zone "
            + "Cinder picks: the source volume's.")
    private String availabilityZone;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getStorageClassName() {
        return storageClassName;
    }

    public void setStorageClassName(String storageClassName) {
        this.storageClassName = storageClassName;
    }

    public List<AccessMode> getAccessModes() {
        return accessModes;
    }

    public void setAccessModes(List<AccessMode> accessModes) {
        this.accessModes = accessModes;
    }

    public VolumeMode getVolumeMode() {
        return volumeMode;
    }

    public void setVolumeMode(VolumeMode volumeMode) {
        this.volumeMode = volumeMode;
    }

    public Map<String, String> getLabels() {
        return labels;
    }

    public void setLabels(Map<String, String> labels) {
        this.labels = labels;
    }

    public Map<String, String> getAnnotations() {
        return annotations;
    }

    public void setAnnotations(Map<String, String> annotations) {
        this.annotations = annotations;
    }

    public Integer getSizeGiB() {
        return sizeGiB;
    }

    public void setSizeGiB(Integer sizeGiB) {
        this.sizeGiB = sizeGiB;
    }

    public String getFsType() {
        return fsType;
    }

    public void setFsType(String fsType) {
        this.fsType = fsType;
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
}
