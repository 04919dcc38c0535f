package dev.openstack.snapshots.operator.api;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** What the schedule did last and will do next; written only by the operator. Timestamps are RFC 3339 strings. */
@JsonClassDescription("What the schedule did last and will do next; written only by the operator. Timestamps are RFC 3339.")
@JsonIgnoreProperties(ignoreUnknown = true) // a later operator's field must not make objects unreadable after a rollback
public class OpenStackSnapshotScheduleStatus {

    @JsonPropertyDescription("Scheduled, Suspended or Erred (the spec cannot be used, or the newest snapshot of a source "
            + "is Erred; errorMessage says why).")
    private ScheduleState state;

    @JsonPropertyDescription("The slot (cron fire time) of the last run that created this schedule's snapshots.")
    private String lastScheduleTime;

    @JsonPropertyDescription("The next slot at which snapshots will be created; empty while suspended or invalid. If "
            + "the operator is down when it comes, the latest slot missed since then runs once when it is back.")
    private String nextScheduleTime;

    @JsonPropertyDescription("The slot of the newest snapshot of this schedule that became Ready.")
    private String lastSuccessfulTime;

    @JsonPropertyDescription("How many OpenStackSnapshots of this schedule exist (all states, not being deleted).")
    @Min(0)
    @Max(NumericLimits.MAX_COUNT)
    private Integer snapshotCount;

    @JsonPropertyDescription("Why the schedule is not healthy: an invalid spec, or the error of each source whose newest "
            + "snapshot is Erred (e.g. Cinder quota exceeded). Empty when healthy.")
    private String errorMessage;

    @Min(0)
    @Max(NumericLimits.MAX_GENERATION)
    @JsonPropertyDescription("The metadata.generation the status reflects.")
    private Long observedGeneration;

    @JsonPropertyDescription("Ready: True (reason Scheduled or Suspended), or False with reason InvalidConfiguration "
            + "(spec the operator cannot use) or SnapshotFailed (the newest snapshot of a source is Erred).")
    private List<Condition> conditions = new ArrayList<>();

    public ScheduleState getState() {
        return state;
    }

    public void setState(ScheduleState state) {
        this.state = state;
    }

    public String getLastScheduleTime() {
        return lastScheduleTime;
    }

    public void setLastScheduleTime(String lastScheduleTime) {
        this.lastScheduleTime = lastScheduleTime;
    }

    public String getNextScheduleTime() {
        return nextScheduleTime;
    }

    public void setNextScheduleTime(String nextScheduleTime) {
        this.nextScheduleTime = nextScheduleTime;
    }

    public String getLastSuccessfulTime() {
        return lastSuccessfulTime;
    }

    public void setLastSuccessfulTime(String lastSuccessfulTime) {
        this.lastSuccessfulTime = lastSuccessfulTime;
    }

    public Integer getSnapshotCount() {
        return snapshotCount;
    }

    public void setSnapshotCount(Integer snapshotCount) {
        this.snapshotCount = snapshotCount;
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
