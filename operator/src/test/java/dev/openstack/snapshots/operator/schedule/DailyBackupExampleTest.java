package dev.openstack.snapshots.operator.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openstack.snapshots.operator.api.CronSyntax;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotSchedule;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** examples/daily-backup-schedule.yaml is what the operator accepts, and what its comments say it is. */
class DailyBackupExampleTest {

    @Test
    void theExampleIsAValidDailyScheduleOfLabelledClaims() throws Exception {
        String yaml = Files.readString(Path.of("..", "examples", "daily-backup-schedule.yaml"));
        OpenStackSnapshotSchedule schedule = Serialization.unmarshal(yaml, OpenStackSnapshotSchedule.class);
        assertTrue(schedule.getSpec().getSchedule().matches(CronSyntax.PATTERN));
        assertTrue(schedule.getSpec().getTimeZone().matches(CronSyntax.TIME_ZONE_PATTERN));
        assertTrue(schedule.getSpec().getRetention().getKeepFor().matches(CronSyntax.DURATION_PATTERN));
        ScheduleConfig config = ScheduleConfig.of(schedule.getSpec());
        assertEquals(Optional.of(Duration.ofDays(7)), config.keepFor());
        assertEquals(Optional.of(7), config.maxCount());
        assertEquals(Map.of("backup", "daily"), schedule.getSpec().getPersistentVolumeClaimSelector().getMatchLabels());
    }
}
