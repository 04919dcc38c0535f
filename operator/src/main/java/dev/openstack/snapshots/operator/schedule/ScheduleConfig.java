package dev.openstack.snapshots.operator.schedule;

import dev.openstack.snapshots.operator.api.OpenStackSnapshotScheduleSpec;
import dev.openstack.snapshots.operator.duration.GoDuration;
import java.time.Duration;
import java.util.Optional;

/**
 * A schedule's spec, checked and parsed: what the schema lets through but the operator cannot use (an unknown time
 * zone, a cron with out-of-range names or that never fires, a zero keepFor...) becomes an InvalidScheduleException.
 */
public record ScheduleConfig(CronSchedule cron, Optional<Duration> keepFor, Optional<Integer> maxCount,
                             boolean suspended) {

    public static ScheduleConfig of(OpenStackSnapshotScheduleSpec spec) throws InvalidScheduleException {
        if (spec == null) {
            throw new InvalidScheduleException("spec is missing");
        }
        if (spec.getCloudCredentialsRef() == null) {
            throw new InvalidScheduleException("spec.cloudCredentialsRef is required");
        }
        if ((spec.getSourceVolume() == null) == (spec.getPersistentVolumeClaimSelector() == null)) {
            throw new InvalidScheduleException(
                    "exactly one of sourceVolume or persistentVolumeClaimSelector must be set");
        }
        if (spec.getSourceVolume() != null && ScheduleSource.of(spec.getSourceVolume()).isEmpty()) {
            throw new InvalidScheduleException("sourceVolume must set one of id, name or persistentVolumeClaimName");
        }
        CronSchedule cron = CronSchedule.parse(spec.getSchedule(), spec.getTimeZone());
        Optional<Duration> keepFor = Optional.empty();
        Optional<Integer> maxCount = Optional.empty();
        if (spec.getRetention() != null) {
            if (spec.getRetention().getKeepFor() != null) {
                keepFor = Optional.of(keepFor(spec.getRetention().getKeepFor()));
            }
            Integer max = spec.getRetention().getMaxCount();
            if (max != null && max < 1) {
                throw new InvalidScheduleException("retention.maxCount must be at least 1, got " + max);
            }
            maxCount = Optional.ofNullable(max);
        }
        return new ScheduleConfig(cron, keepFor, maxCount, Boolean.TRUE.equals(spec.getSuspend()));
    }

    private static Duration keepFor(String text) throws InvalidScheduleException {
        try {
            return GoDuration.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidScheduleException("retention.keepFor " + e.getMessage());
        }
    }
}
