package dev.openstack.snapshots.operator.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openstack.snapshots.operator.api.CloudCredentialsRef;
import dev.openstack.snapshots.operator.api.DeletionPolicy;
import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotSchedule;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotScheduleSpec;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotStatus;
import dev.openstack.snapshots.operator.api.SnapshotState;
import dev.openstack.snapshots.operator.api.SnapshotTemplate;
import dev.openstack.snapshots.operator.duration.GoDuration;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChildSnapshotsTest {

    private static final Instant SLOT = Instant.parse("2025-06-01T03:00:00Z");
    private static final ScheduleSource PG = ScheduleSource.persistentVolumeClaim("pg-data");

    private static OpenStackSnapshotSchedule schedule() {
        OpenStackSnapshotSchedule schedule = new OpenStackSnapshotSchedule();
        schedule.setMetadata(new ObjectMetaBuilder().withName("daily").withNamespace("team-a").withUid("u-1").build());
        OpenStackSnapshotScheduleSpec spec = new OpenStackSnapshotScheduleSpec();
        spec.setCloudCredentialsRef(new CloudCredentialsRef("clouds", "openstack"));
        spec.setSchedule("0 3 * * *");
        SnapshotTemplate template = new SnapshotTemplate();
        template.setLabels(Map.of("team", "a"));
        template.setDescription("nightly");
        template.setMetadata(Map.of("app", "pg"));
        template.setForce(true);
        template.setDeletionPolicy(DeletionPolicy.Retain);
        spec.setSnapshotTemplate(template);
        schedule.setSpec(spec);
        return schedule;
    }

    @Test
    void buildsAnUnownedLabelledChildWithTheTemplateAndRetention() {
        OpenStackSnapshot child = ChildSnapshots.build(schedule(), PG, SLOT, Optional.of(Duration.ofHours(168)));
        assertEquals("daily-pg-data-202506010300", child.getMetadata().getName());
        assertEquals("team-a", child.getMetadata().getNamespace());
        assertTrue(child.getMetadata().getOwnerReferences() == null || child.getMetadata().getOwnerReferences().isEmpty());
        assertEquals(Map.of("team", "a", OpenStackSnapshotSchedule.SCHEDULE_LABEL, "daily",
                OpenStackSnapshotSchedule.SOURCE_LABEL, "pg-data"), child.getMetadata().getLabels());
        assertEquals("2025-06-01T03:00:00Z",
                child.getMetadata().getAnnotations().get(OpenStackSnapshotSchedule.SLOT_ANNOTATION));
        assertEquals("pg-data", child.getSpec().getSourceVolume().getPersistentVolumeClaimName());
        assertEquals("clouds", child.getSpec().getCloudCredentialsRef().getSecretName());
        assertEquals("2025-06-08T03:00:00Z", child.getSpec().getKeptUntil());
        assertEquals("nightly", child.getSpec().getDescription());
        assertEquals(Map.of("app", "pg"), child.getSpec().getMetadata());
        assertEquals(Boolean.TRUE, child.getSpec().getForce());
        assertEquals(DeletionPolicy.Retain, child.getSpec().getDeletionPolicy());
        assertEquals(Optional.of("daily"), ChildSnapshots.scheduleName(child));
    }

    @Test
    void withoutKeepForTheChildIsKeptForever() {
        assertNull(ChildSnapshots.build(schedule(), PG, SLOT, Optional.empty()).getSpec().getKeptUntil());
    }

    @Test
    void readsSlotSourceAndPhaseBack() {
        OpenStackSnapshot child = ChildSnapshots.build(schedule(), PG, SLOT, Optional.empty());
        assertEquals(Optional.of(new ScheduledChild("daily-pg-data-202506010300", PG, SLOT,
                ScheduledChild.Phase.PENDING, null, false)), ChildSnapshots.read(child));
        OpenStackSnapshotStatus status = new OpenStackSnapshotStatus();
        status.setState(SnapshotState.Erred);
        status.setErrorMessage("quota");
        child.setStatus(status);
        assertEquals(ScheduledChild.Phase.ERRED, ChildSnapshots.read(child).orElseThrow().phase());
        status.setState(SnapshotState.Updating);
        assertEquals(ScheduledChild.Phase.READY, ChildSnapshots.read(child).orElseThrow().phase());
        status.setState(SnapshotState.Deleting);
        assertTrue(ChildSnapshots.read(child).orElseThrow().deleting());
        child.getMetadata().setAnnotations(Map.of(OpenStackSnapshotSchedule.SCHEDULE_ANNOTATION, "daily"));
        assertEquals(Optional.empty(), ChildSnapshots.read(child));
    }

    @Test
    void aVeryLongKeepForIsClampedToTheLatestKeptUntilTheSchemaAccepts() throws Exception {
        String pattern = dev.openstack.snapshots.operator.api.OpenStackSnapshotSpec.class.getDeclaredField("keptUntil")
                .getAnnotation(io.fabric8.generator.annotation.Pattern.class).value();
        // issue 14: keepFor 999999999h gave +116106-..., which the CRD's keptUntil pattern refuses
        OpenStackSnapshot forever = ChildSnapshots.build(schedule(), PG, SLOT, Optional.of(GoDuration.parse("999999999h")));
        assertEquals("9999-12-31T23:59:59Z", forever.getSpec().getKeptUntil());
        assertTrue(java.util.regex.Pattern.compile(pattern).matcher(forever.getSpec().getKeptUntil()).find());
        // the largest keepFor the schema allows (64 characters of 9-digit hours) does not overflow either
        Duration most = GoDuration.parse("999999999h".repeat(6));
        assertEquals(ChildSnapshots.LATEST_KEPT_UNTIL, ChildSnapshots.keptUntil(SLOT, most));
        // an ordinary keepFor is untouched, and so is one that lands exactly on the limit
        assertEquals(Instant.parse("2025-06-08T03:00:00Z"), ChildSnapshots.keptUntil(SLOT, Duration.ofHours(168)));
        Duration toLimit = Duration.between(SLOT, ChildSnapshots.LATEST_KEPT_UNTIL);
        assertEquals(ChildSnapshots.LATEST_KEPT_UNTIL, ChildSnapshots.keptUntil(SLOT, toLimit));
        assertEquals(ChildSnapshots.LATEST_KEPT_UNTIL.minusSeconds(1), ChildSnapshots.keptUntil(SLOT, toLimit.minusSeconds(1)));
    }
}
