package dev.openstack.snapshots.operator.schedule;

import java.time.Instant;

/**
 * What the schedule needs to know about one OpenStackSnapshot it created: which slot and source it is for and how
 * it is doing. Built from the child's labels, annotations, spec and status.
 */
public record ScheduledChild(String name, ScheduleSource source, Instant slot, Phase phase, String errorMessage,
                             boolean deleting) {

    /** The child's life as far as the schedule cares. */
    public enum Phase {
        /** Not Ready yet (being created, or updating before it was ever Ready). */
        PENDING,
        /** The Cinder snapshot is available. */
        READY,
        /** Terminal failure (quota, bad source, Cinder error, ...). */
        ERRED
    }

    public boolean ready() {
        return phase == Phase.READY;
    }

    public boolean erred() {
        return phase == Phase.ERRED;
    }
}
