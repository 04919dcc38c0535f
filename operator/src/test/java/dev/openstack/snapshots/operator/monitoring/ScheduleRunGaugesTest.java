package dev.openstack.snapshots.operator.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.openstack.snapshots.operator.api.OpenStackSnapshotSchedule;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotScheduleSpec;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotScheduleStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleRunGaugesTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    @Test
    void lastSuccessOrCreationAndTheCronIntervalPerActiveSchedule() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ScheduleRunGauges gauges = new ScheduleRunGauges(registry, Clock.fixed(NOW, ZoneOffset.UTC));
        gauges.refresh(List.of(
                schedule("nightly", "0 3 * * *", false, "2026-11-27T03:00:05Z"),
                schedule("never-ran", "0 */6 * * *", false, null),
                schedule("paused", "0 3 * * *", true, "2026-11-01T03:00:00Z"),
                schedule("broken", "not a cron", false, null)));
        assertEquals(Instant.parse("2026-11-27T03:00:05Z").getEpochSecond(), value(registry, ScheduleRunGauges.LAST_SUCCESS, "nightly"));
        assertEquals(86400.0, value(registry, ScheduleRunGauges.INTERVAL, "nightly"));
        assertEquals(Instant.parse("2026-11-20T00:00:00Z").getEpochSecond(), value(registry, ScheduleRunGauges.LAST_SUCCESS, "never-ran"),
                "a schedule that never succeeded counts from its creation");
        assertEquals(6 * 3600.0, value(registry, ScheduleRunGauges.INTERVAL, "never-ran"));
        assertNull(registry.find(ScheduleRunGauges.LAST_SUCCESS).tag("name", "paused").gauge(), "suspended: no series, no alert");
        assertNull(registry.find(ScheduleRunGauges.INTERVAL).tag("name", "broken").gauge(), "invalid cron: no interval");
    }

    private static double value(SimpleMeterRegistry registry, String name, String schedule) {
        Gauge gauge = registry.find(name).tag("namespace", "team-a").tag("name", schedule).gauge();
        return gauge.value();
    }

    private static OpenStackSnapshotSchedule schedule(String name, String cron, boolean suspend, String lastSuccess) {
        OpenStackSnapshotSchedule schedule = new OpenStackSnapshotSchedule();
        schedule.getMetadata().setNamespace("team-a");
        schedule.getMetadata().setName(name);
        schedule.getMetadata().setCreationTimestamp("2026-11-20T00:00:00Z");
        OpenStackSnapshotScheduleSpec spec = new OpenStackSnapshotScheduleSpec();
        spec.setSchedule(cron);
        spec.setSuspend(suspend);
        schedule.setSpec(spec);
        OpenStackSnapshotScheduleStatus status = new OpenStackSnapshotScheduleStatus();
        status.setLastSuccessfulTime(lastSuccess);
        schedule.setStatus(status);
        return schedule;
    }
}
