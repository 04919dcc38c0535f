package dev.openstack.snapshots.operator.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import java.util.Objects;

/** One SnapshotRestoration of this snapshot, as listed in status.restorations. */
@JsonIgnoreProperties(ignoreUnknown = true) // a later operator's field must not make objects unreadable after a rollback
public class RestorationSummary {

    @JsonPropertyDescription("Name of the SnapshotRestoration object.")
    private String name;

    @JsonPropertyDescription("UID of the SnapshotRestoration object.")
    private String uid;

    @JsonPropertyDescription("When the SnapshotRestoration was created (RFC 3339).")
    private String created;

    @JsonPropertyDescription("Description of the restored volume.")
    private String description;

    @JsonPropertyDescription("Cinder id of the restored volume.")
    private String volumeID;

    @JsonPropertyDescription("Cinder display name of the restored volume.")
    private String volumeName;

    @JsonPropertyDescription("State of the restoration (same vocabulary as the snapshot's state).")
    private String volumeState;

    @JsonPropertyDescription("Cinder's own status of the restored volume, verbatim.")
    private String volumeRuntimeState;

    @JsonPropertyDescription("Size of the restored volume in MiB.")
    @Min(0)
    @Max(NumericLimits.MAX_MIB)
    private Long volumeSizeMiB;

    @JsonPropertyDescription("Device the restored volume is attached as (e.g. /dev/vdb), empty when not attached.")
    private String volumeDevice;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getUid() {
        return uid;
    }

    public void setUid(String uid) {
        this.uid = uid;
    }

    public String getCreated() {
        return created;
    }

    public void setCreated(String created) {
        this.created = created;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public String getVolumeID() {
        return volumeID;
    }

    public void setVolumeID(String volumeID) {
        this.volumeID = volumeID;
    }

    public String getVolumeName() {
        return volumeName;
    }

    public void setVolumeName(String volumeName) {
        this.volumeName = volumeName;
    }

    public String getVolumeState() {
        return volumeState;
    }

    public void setVolumeState(String volumeState) {
        this.volumeState = volumeState;
    }

    public String getVolumeRuntimeState() {
        return volumeRuntimeState;
    }

    public void setVolumeRuntimeState(String volumeRuntimeState) {
        this.volumeRuntimeState = volumeRuntimeState;
    }

    public Long getVolumeSizeMiB() {
        return volumeSizeMiB;
    }

    public void setVolumeSizeMiB(Long volumeSizeMiB) {
        this.volumeSizeMiB = volumeSizeMiB;
    }

    public String getVolumeDevice() {
        return volumeDevice;
    }

    public void setVolumeDevice(String volumeDevice) {
        this.volumeDevice = volumeDevice;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RestorationSummary r
                && Objects.equals(name, r.name) && Objects.equals(uid, r.uid) && Objects.equals(created, r.created)
                && Objects.equals(description, r.description) && Objects.equals(volumeID, r.volumeID)
                && Objects.equals(volumeName, r.volumeName) && Objects.equals(volumeState, r.volumeState)
                && Objects.equals(volumeRuntimeState, r.volumeRuntimeState)
                && Objects.equals(volumeSizeMiB, r.volumeSizeMiB) && Objects.equals(volumeDevice, r.volumeDevice);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, uid, volumeID);
    }
}
