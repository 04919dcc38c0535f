package dev.openstack.snapshots.operator.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openstack.snapshots.operator.api.CloudCredentialsRef;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotScheduleSpec;
import dev.openstack.snapshots.operator.api.Retention;
import dev.openstack.snapshots.operator.api.SourceVolume;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScheduleConfigTest {

    private static OpenStackSnapshotScheduleSpec spec() {
        OpenStackSnapshotScheduleSpec spec = new OpenStackSnapshotScheduleSpec();
        spec.setCloudCredentialsRef(new CloudCredentialsRef("clouds", "openstack"));
        spec.setSourceVolume(SourceVolume.byId("0b7c1e9a-1111-2222-3333-444455556666"));
        spec.setSchedule("0 3 * * *");
        spec.setTimeZone("Europe/Berlin");
        return spec;
    }

    private static String invalid(OpenStackSnapshotScheduleSpec spec) {
        return assertThrows(InvalidScheduleException.class, () -> ScheduleConfig.of(spec)).getMessage();
    }

    @Test
    void readsAValidSpec() throws Exception {
        OpenStackSnapshotScheduleSpec spec = spec();
        spec.setRetention(new Retention("168h", 7));
        spec.setSuspend(true);
        ScheduleConfig config = ScheduleConfig.of(spec);
        assertEquals(Optional.of(Duration.ofDays(7)), config.keepFor());
        assertEquals(Optional.of(7), config.maxCount());
        assertTrue(config.suspended());
        assertEquals("Europe/Berlin", config.cron().zone().getId());
    }

    @Test
    void reportsWhatTheSchemaLetsThrough() {
        OpenStackSnapshotScheduleSpec zone = spec();
        zone.setTimeZone("Mars/Olympus_Mons");
        assertTrue(invalid(zone).contains("timeZone \"Mars/Olympus_Mons\""));

        OpenStackSnapshotScheduleSpec name = spec();
        name.setSchedule("0 3 * * FOO");
        assertTrue(invalid(name).contains("schedule \"0 3 * * FOO\""));

        OpenStackSnapshotScheduleSpec keep = spec();
        keep.setRetention(new Retention("0h", null));
        assertTrue(invalid(keep).contains("keepFor"));

        OpenStackSnapshotScheduleSpec max = spec();
        max.setRetention(new Retention(null, 0));
        assertTrue(invalid(max).contains("maxCount"));
    }

    @Test
    void exactlyOneSourceKind() {
        OpenStackSnapshotScheduleSpec both = spec();
        both.setPersistentVolumeClaimSelector(new LabelSelectorBuilder().addToMatchLabels("a", "b").build());
        assertTrue(invalid(both).contains("exactly one of sourceVolume or persistentVolumeClaimSelector"));
        OpenStackSnapshotScheduleSpec neither = spec();
        neither.setSourceVolume(null);
        assertTrue(invalid(neither).contains("exactly one of sourceVolume or persistentVolumeClaimSelector"));
    }
}
