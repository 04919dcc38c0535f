package dev.openstack.snapshots.operator.api;

/**
 * Where an OpenStackSnapshotSchedule is, in one word, so that {@code --field-selector status.state=Erred} finds broken
 * schedules together with broken snapshots and restorations. It mirrors the Ready condition's reason.
 */
public enum ScheduleState {
    /** Ready, reason Scheduled: snapshots are created at the next slot. */
    Scheduled,
    /** Ready, reason Suspended: spec.suspend is true, nothing new is created. */
    Suspended,
    /** Not Ready (InvalidConfiguration or SnapshotFailed): see errorMessage. */
    Erred
}
