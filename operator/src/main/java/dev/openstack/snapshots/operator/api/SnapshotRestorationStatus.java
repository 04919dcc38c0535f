package dev.openstack.snapshots.operator.api;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** What the operator observed and did; written only by the operator. Timestamps are RFC 3339 strings. */
@JsonClassDescription("The restored volume as Cinder reports it; written only by the operator. Timestamps are RFC 3339.")
@JsonIgnoreProperties(ignoreUnknown = true) // a later operator's field must not make objects unreadable after a rollback
public class SnapshotRestorationStatus {

    @JsonPropertyDescription("CreationScheduled (waiting for the snapshot or for Cinder), Creating (Cinder 'creating'), "
            + "OK (Cinder 'available' or attached), Deleting, or Erred (see the Ready condition and errorMessage).")
    private SnapshotState state;

    @JsonPropertyDescription("Cinder id of the restored volume, written the moment Cinder returns it.")
    private String volumeID;

    @JsonPropertyDescription("Set just before the operator asks Cinder to create the volume, cleared once the answer "
            + "(the new id, or a refusal) is recorded. While it is set and no volumeID is known, the operator does not "
            + "create again until a listing that started after this instant plus the OpenStack read timeout shows no "
            + "volume tagged with this object: a create that got no answer may still be made by Cinder.")
    private String createRequestedAt;

    @JsonPropertyDescription("Cinder display name of the restored volume.")
    private String volumeName;

    @JsonPropertyDescription("Cinder's own status of the restored volume, verbatim (creating, available, in-use, error, ...).")
    private String volumeRuntimeState;

    @JsonPropertyDescription("Size of the restored volume in MiB.")
    @Min(0)
    @Max(NumericLimits.MAX_MIB)
    private Long volumeSizeMiB;

    @JsonPropertyDescription("Device the restored volume is attached as (e.g. /dev/vdb); empty when not attached.")
    private String volumeDevice;

    @JsonPropertyDescription("When Cinder created the restored volume (Cinder created_at).")
    private String created;

    @JsonPropertyDescription("Cinder id of the snapshot the volume was restored from.")
    private String snapshotID;

    @JsonPropertyDescription("The credentials the volume was created with, copied from the snapshot, so the volume can "
            + "still be followed and deleted after the OpenStackSnapshot object is gone.")
    private CloudCredentialsRef cloudCredentialsRef;

    @JsonPropertyDescription("The PersistentVolume made for the volume (spec.persistentVolumeClaim only).")
    private String persistentVolumeName;

    @JsonPropertyDescription("The PersistentVolumeClaim restored into (spec.persistentVolumeClaim only).")
    private String persistentVolumeClaimName;

    @JsonPropertyDescription("The claim's phase as Kubernetes reports it: Pending, Bound or Lost. Ready needs Bound.")
    private String claimPhase;

    @JsonPropertyDescription("The last error, with Cinder's fault text and request id; empty after success.")
    private String errorMessage;

    @Min(0)
    @Max(NumericLimits.MAX_GENERATION)
    @JsonPropertyDescription("The metadata.generation the status reflects.")
    private Long observedGeneration;

    @JsonPropertyDescription("Ready and Progressing, with reasons Progressing, WaitingForSnapshot, Success, BackendError, "
            + "InvalidConfiguration, TransientError, NotFound or WaitingForBinding.")
    private List<Condition> conditions = new ArrayList<>();

    public SnapshotState getState() {
        return state;
    }

    public void setState(SnapshotState state) {
        this.state = state;
    }

    public String getVolumeID() {
        return volumeID;
    }

    public void setVolumeID(String volumeID) {
        this.volumeID = volumeID;
    }

    public String getCreateRequestedAt() {
        return createRequestedAt;
    }

    public void setCreateRequestedAt(String createRequestedAt) {
        this.createRequestedAt = createRequestedAt;
    }

    public String getVolumeName() {
        return volumeName;
    }

    public void setVolumeName(String volumeName) {
        this.volumeName = volumeName;
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

    public String getCreated() {
        return created;
    }

    public void setCreated(String created) {
        this.created = created;
    }

    public String getSnapshotID() {
        return snapshotID;
    }

    public void setSnapshotID(String snapshotID) {
        this.snapshotID = snapshotID;
    }

    public CloudCredentialsRef getCloudCredentialsRef() {
        return cloudCredentialsRef;
    }

    public void setCloudCredentialsRef(CloudCredentialsRef cloudCredentialsRef) {
        this.cloudCredentialsRef = cloudCredentialsRef;
    }

    public String getPersistentVolumeName() {
        return persistentVolumeName;
    }

    public void setPersistentVolumeName(String persistentVolumeName) {
        this.persistentVolumeName = persistentVolumeName;
    }

    public String getPersistentVolumeClaimName() {
        return persistentVolumeClaimName;
    }

    public void setPersistentVolumeClaimName(String persistentVolumeClaimName) {
        this.persistentVolumeClaimName = persistentVolumeClaimName;
    }

    public String getClaimPhase() {
        return claimPhase;
    }

    public void setClaimPhase(String claimPhase) {
        this.claimPhase = claimPhase;
    }

    public String getErrorMessage() {
        return errorMessage;
    }

    public void setErrorMessage(String errorMessage) {
        this.errorMessage = errorMessage;
    }

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }
}
