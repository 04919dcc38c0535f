package dev.openstack.snapshots.operator.api;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.LabelSelector;

/** Periodic snapshots of one volume or of every selected PVC, with retention. */
@JsonClassDescription("What to snapshot (one volume, or every PVC a selector matches), when (cron and time zone), how long "
        + "to keep the snapshots, and how to make them.")
@ValidationRule(
        value = "has(self.sourceVolume) != has(self.persistentVolumeClaimSelector)",
        message = "exactly one of sourceVolume or persistentVolumeClaimSelector must be set")
public class OpenStackSnapshotScheduleSpec {

    @Required
    @JsonPropertyDescription("The Secret in this namespace holding clouds.yaml, and the cloud entry to use; copied into "
            + "every snapshot the schedule creates.")
    private CloudCredentialsRef cloudCredentialsRef;

    @JsonPropertyDescription("The one Cinder volume to snapshot: exactly one of id, name or persistentVolumeClaimName. "
            + "Mutually exclusive with persistentVolumeClaimSelector.")
    private SourceVolume sourceVolume;

    @JsonPropertyDescription("Snapshot every PersistentVolumeClaim in this namespace that matches this selector (each "
            + "must be bound to a cinder.csi.openstack.org volume). PVCs are looked up at each run, so new matching "
            + "PVCs are included from the next run on. Mutually exclusive with sourceVolume.")
    @SchemaFrom(type = PersistentVolumeClaimSelectorSchema.class)
    private LabelSelector persistentVolumeClaimSelector;

    @Required
    @Size(max = 100)
    @Pattern(CronSyntax.PATTERN)
    @JsonPropertyDescription("When to snapshot: a five-field UNIX cron expression (minute hour day-of-month month "
            + "day-of-week; *, lists, ranges, steps, and JAN-DEC / SUN-SAT names), evaluated in timeZone. When both "
            + "day fields are restricted, either matching fires (as in Vixie cron). The schema checks the shape; the "
            + "operator reports what it cannot parse, or an expression that never fires, as InvalidConfiguration.")
    private String schedule;

    @Default("UTC")
    @Size(max = 64)
    @Pattern(CronSyntax.TIME_ZONE_PATTERN)
    @JsonPropertyDescription("IANA time zone the schedule is evaluated in, e.g. Europe/Berlin; default UTC. The schema "
            + "checks the shape only; a name missing from the operator's time zone database is reported as "
            + "InvalidConfiguration. Daylight saving: a time skipped when clocks go forward fires once, at the moment "
            + "of the jump; a time repeated when clocks go back fires once, at its first occurrence.")
    private String timeZone;

    @Default("false")
    @JsonPropertyDescription("true: create no new snapshots (existing ones still expire and are pruned). On resume, "
            + "snapshots continue at the next slot; slots that passed while suspended are not caught up.")
    private Boolean suspend;

    @JsonPropertyDescription("How long the snapshots are kept and how many per source. Absent: kept forever.")
    private Retention retention;

    @JsonPropertyDescription("Labels, description, Cinder metadata, force and deletionPolicy of the created snapshots.")
    private SnapshotTemplate snapshotTemplate;

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

    public LabelSelector getPersistentVolumeClaimSelector() {
        return persistentVolumeClaimSelector;
    }

    public void setPersistentVolumeClaimSelector(LabelSelector persistentVolumeClaimSelector) {
        this.persistentVolumeClaimSelector = persistentVolumeClaimSelector;
    }

    public String getSchedule() {
        return schedule;
    }

    public void setSchedule(String schedule) {
        this.schedule = schedule;
    }

    public String getTimeZone() {
        return timeZone;
    }

    public void setTimeZone(String timeZone) {
        this.timeZone = timeZone;
    }

    public Boolean getSuspend() {
        return suspend;
    }

    public void setSuspend(Boolean suspend) {
        this.suspend = suspend;
    }

    public Retention getRetention() {
        return retention;
    }

    public void setRetention(Retention retention) {
        this.retention = retention;
    }

    public SnapshotTemplate getSnapshotTemplate() {
        return snapshotTemplate;
    }

    public void setSnapshotTemplate(SnapshotTemplate snapshotTemplate) {
        this.snapshotTemplate = snapshotTemplate;
    }
}
