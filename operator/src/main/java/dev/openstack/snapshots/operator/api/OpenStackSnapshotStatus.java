package dev.openstack.snapshots.operator.api;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the operator observed and did; written only by the operator. Timestamps are RFC 3339 strings. */
@JsonClassDescription("What the operator observed in Cinder and did; written only by the operator. Timestamps are RFC 3339.")
@JsonIgnoreProperties(ignoreUnknown = true) // a later operator's field must not make objects unreadable after a rollback
public class OpenStackSnapshotStatus {

    @JsonPropertyDescription("Cinder snapshot id, written the moment Cinder returns it.")
    private String backendID;

    @JsonPropertyDescription("CreationScheduled, Creating, OK, UpdateScheduled, Updating, DeletionScheduled, Deleting "
            + "or Erred.")
    private SnapshotState state;

    @JsonPropertyDescription("Cinder's own status of the snapshot, verbatim (creating, available, error, ...).")
    private String runtimeState;

    @JsonPropertyDescription("Size of the snapshot in MiB.")
    @Min(0)
    @Max(NumericLimits.MAX_MIB)
    private Long sizeMiB;

    @JsonPropertyDescription("The Cinder volume the snapshot was taken from, resolved once from spec.sourceVolume.")
    private SourceVolumeStatus sourceVolume;

    @JsonPropertyDescription("Set just before the operator asks Cinder to create the snapshot, cleared once the answer "
            + "(the new id, or a refusal) is recorded. While it is set and no backendID is known, the operator does not "
            + "create again until a listing that started after this instant plus the OpenStack read timeout shows no "
            + "snapshot tagged with this object: a create that got no answer may still be made by Cinder.")
    private String createRequestedAt;

    @JsonPropertyDescription("The deletionPolicy in force: spec.deletionPolicy, or its default (Delete for a snapshot "
            + "the operator creates, Retain for an import).")
    private DeletionPolicy deletionPolicy;

    @JsonPropertyDescription("When Cinder created the snapshot (Cinder created_at).")
    private String created;

    @JsonPropertyDescription("When Cinder last changed the snapshot (Cinder updated_at).")
    private String modified;

    @JsonPropertyDescription("The retention in force: when the snapshot will be deleted. Absent: kept forever.")
    private String keptUntil;

    @JsonPropertyDescription("The last error, with Cinder's fault text and request id; empty after success.")
    private String errorMessage;

    @JsonPropertyDescription("What the operator is doing now (Creating, Updating, Pulling, Deleting...), empty when idle.")
    private String action;

    @JsonPropertyDescription("Details of the current action.")
    private Map<String, String> actionDetails = new LinkedHashMap<>();

    @JsonPropertyDescription("The SnapshotRestorations of this snapshot and their volumes.")
    private List<RestorationSummary> restorations = new ArrayList<>();

    @JsonPropertyDescription("Last time the operator read the snapshot from Cinder.")
    private String lastSyncTime;

    @JsonPropertyDescription("Value of the blockstorage.openstack.dev/pull-requested-at annotation handled last.")
    private String lastHandledPullAt;

    @Min(0)
    @Max(NumericLimits.MAX_GENERATION)
    @JsonPropertyDescription("The metadata.generation the status reflects.")
    private Long observedGeneration;

    @JsonPropertyDescription("Ready and Progressing, with reasons Progressing, Success, BackendError, "
            + "InvalidConfiguration, TransientError, NotFound, Expired or DeletionFailed.")
    private List<Condition> conditions = new ArrayList<>();

    public String getBackendID() {
        return backendID;
    }

    public void setBackendID(String backendID) {
        this.backendID = backendID;
    }

    public SnapshotState getState() {
        return state;
    }

    public void setState(SnapshotState state) {
        this.state = state;
    }

    public String getRuntimeState() {
        return runtimeState;
    }

    public void setRuntimeState(String runtimeState) {
        this.runtimeState = runtimeState;
    }

    public Long getSizeMiB() {
        return sizeMiB;
    }

    public void setSizeMiB(Long sizeMiB) {
        this.sizeMiB = sizeMiB;
    }

    public SourceVolumeStatus getSourceVolume() {
        return sourceVolume;
    }

    public void setSourceVolume(SourceVolumeStatus sourceVolume) {
        this.sourceVolume = sourceVolume;
    }

    public String getCreateRequestedAt() {
        return createRequestedAt;
    }

    public void setCreateRequestedAt(String createRequestedAt) {
        this.createRequestedAt = createRequestedAt;
    }

    public DeletionPolicy getDeletionPolicy() {
        return deletionPolicy;
    }

    public void setDeletionPolicy(DeletionPolicy deletionPolicy) {
        this.deletionPolicy = deletionPolicy;
    }

    public String getCreated() {
        return created;
    }

    public void setCreated(String created) {
        this.created = created;
    }

    public String getModified() {
        return modified;
    }

    public void setModified(String modified) {
        this.modified = modified;
    }

    public String getKeptUntil() {
        return keptUntil;
    }

    public void setKeptUntil(String keptUntil) {
        this.keptUntil = keptUntil;
    }

    public String getErrorMessage() {
        return errorMessage;
    }

    public void setErrorMessage(String errorMessage) {
        this.errorMessage = errorMessage;
    }

    public String getAction() {
        return action;
    }

    public void setAction(String action) {
        this.action = action;
    }

    public Map<String, String> getActionDetails() {
        return actionDetails;
    }

    public void setActionDetails(Map<String, String> actionDetails) {
        this.actionDetails = actionDetails;
    }

    public List<RestorationSummary> getRestorations() {
        return restorations;
    }

    public void setRestorations(List<RestorationSummary> restorations) {
        this.restorations = restorations;
    }

    public String getLastSyncTime() {
        return lastSyncTime;
    }

    public void setLastSyncTime(String lastSyncTime) {
        this.lastSyncTime = lastSyncTime;
    }

    public String getLastHandledPullAt() {
        return lastHandledPullAt;
    }

    public void setLastHandledPullAt(String lastHandledPullAt) {
        this.lastHandledPullAt = lastHandledPullAt;
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
