package dev.openstack.snapshots.operator.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.openstack.snapshots.operator.api.CloudCredentialsRef;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotSchedule;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotScheduleSpec;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotScheduleStatus;
import dev.openstack.snapshots.operator.api.ScheduleState;
import dev.openstack.snapshots.operator.api.SourceVolume;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** status.state (what `--field-selector status.state=Erred` finds) follows the Ready condition's reason. */
class ScheduleStatusBuilderTest {

    private static final Instant NOW = Instant.parse("2026-11-27T03:00:00Z");
    private final ScheduleStatusBuilder builder = new ScheduleStatusBuilder(Clock.fixed(NOW, ZoneOffset.UTC));
    private static final ScheduleHealth HEALTHY = new ScheduleHealth(List.of(), Optional.empty(), Optional.empty(), 0);

    @Test
    void scheduledSuspendedAndErredMirrorTheReadyReason() throws InvalidScheduleException {
        OpenStackSnapshotSchedule schedule = schedule(false);
        assertState(builder.scheduled(schedule, ScheduleConfig.of(schedule.getSpec()), Optional.empty(),
                Optional.of(NOW.plusSeconds(86400)), HEALTHY), ScheduleState.Scheduled, "Scheduled");

        OpenStackSnapshotSchedule suspended = schedule(true);
        assertState(builder.scheduled(suspended, ScheduleConfig.of(suspended.getSpec()), Optional.empty(),
                Optional.empty(), HEALTHY), ScheduleState.Suspended, "Suspended");

        ScheduleHealth failing = new ScheduleHealth(List.of("nightly-pg-202611270300 (pg): quota exceeded"),
                Optional.empty(), Optional.of(NOW), 1);
        assertState(builder.scheduled(schedule, ScheduleConfig.of(schedule.getSpec()), Optional.of(NOW),
                Optional.of(NOW.plusSeconds(86400)), failing), ScheduleState.Erred, "SnapshotFailed");

        assertState(builder.invalid(schedule, "bad cron", HEALTHY), ScheduleState.Erred, "InvalidConfiguration");
    }

    private static void assertState(OpenStackSnapshotScheduleStatus status, ScheduleState state, String reason) {
        assertEquals(state, status.getState());
        assertEquals(reason, status.getConditions().get(0).getReason());
    }

    private static OpenStackSnapshotSchedule schedule(boolean suspend) {
        OpenStackSnapshotScheduleSpec spec = new OpenStackSnapshotScheduleSpec();
        spec.setCloudCredentialsRef(new CloudCredentialsRef("clouds", "openstack"));
        spec.setSourceVolume(SourceVolume.byId("0b7c1e9a-5d43-4f8e-9a61-000000000001"));
        spec.setSchedule("0 3 * * *");
        spec.setSuspend(suspend);
        OpenStackSnapshotSchedule schedule = new OpenStackSnapshotSchedule();
        schedule.getMetadata().setNamespace("team-a");
        schedule.getMetadata().setName("nightly");
        schedule.getMetadata().setGeneration(1L);
        schedule.setSpec(spec);
        return schedule;
    }
}
