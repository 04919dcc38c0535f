package dev.openstack.snapshots.operator.monitoring;

import dev.openstack.snapshots.operator.api.OpenStackSnapshotSchedule;
import dev.openstack.snapshots.operator.schedule.CronSchedule;
import dev.openstack.snapshots.operator.schedule.InvalidScheduleException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Per schedule: when it last succeeded and how far apart its runs are, so that an alert can say "no successful run in
 * two intervals" (a Secret that broke, a quota that filled, a PVC selector that matches nothing). A schedule that never
 * succeeded counts from its creation; suspended schedules are left out (they are meant not to run); a schedule whose
 * cron expression is invalid has no interval and shows up as Erred in {@code openstack_snapshot_operator_objects}.
 * One series per schedule: schedules are few, unlike snapshots.
 */
final class ScheduleRunGauges {

    static final String LAST_SUCCESS = "openstack_snapshot_operator_schedule_last_success_timestamp_seconds";
    static final String INTERVAL = "openstack_snapshot_operator_schedule_interval_seconds";

    private final MultiGauge lastSuccess;
    private final MultiGauge interval;
    private final Clock clock;

    ScheduleRunGauges(MeterRegistry registry, Clock clock) {
        this.clock = clock;
        this.lastSuccess = MultiGauge.builder(LAST_SUCCESS)
                .description("Unix time of the schedule's last successful run (its creation if it never succeeded)")
                .register(registry);
        this.interval = MultiGauge.builder(INTERVAL)
                .description("Seconds between the schedule's latest and next run times").register(registry);
    }

    void refresh(Collection<OpenStackSnapshotSchedule> schedules) {
        List<MultiGauge.Row<?>> successes = new ArrayList<>();
        List<MultiGauge.Row<?>> intervals = new ArrayList<>();
        Instant now = clock.instant();
        for (OpenStackSnapshotSchedule schedule : schedules) {
            if (schedule.getSpec() == null || Boolean.TRUE.equals(schedule.getSpec().getSuspend())) {
                continue;
            }
            Tags tags = Tags.of("namespace", schedule.getMetadata().getNamespace(), "name", schedule.getMetadata().getName());
            lastSuccess(schedule).ifPresent(t -> successes.add(MultiGauge.Row.of(tags, t.getEpochSecond())));
            interval(schedule, now).ifPresent(d -> intervals.add(MultiGauge.Row.of(tags, d.toSeconds())));
        }
        lastSuccess.register(successes, true);
        interval.register(intervals, true);
    }

    static Optional<Instant> lastSuccess(OpenStackSnapshotSchedule schedule) {
        String last = schedule.getStatus() == null ? null : schedule.getStatus().getLastSuccessfulTime();
        Optional<Instant> success = instant(last);
        return success.isPresent() ? success : instant(schedule.getMetadata().getCreationTimestamp());
    }

    /** The gap between the latest run time at or before now and the next one: a day for "0 3 * * *". */
    static Optional<Duration> interval(OpenStackSnapshotSchedule schedule, Instant now) {
        try {
            CronSchedule cron = CronSchedule.parse(schedule.getSpec().getSchedule(), schedule.getSpec().getTimeZone());
            Optional<Instant> from = cron.latestAtOrBefore(now).or(() -> cron.nextAfter(now));
            Optional<Instant> to = from.flatMap(cron::nextAfter);
            return from.isPresent() && to.isPresent() ? Optional.of(Duration.between(from.get(), to.get())) : Optional.empty();
        } catch (InvalidScheduleException e) {
            return Optional.empty();
        }
    }

    private static Optional<Instant> instant(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
