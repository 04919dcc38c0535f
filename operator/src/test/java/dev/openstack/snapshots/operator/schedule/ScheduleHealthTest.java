package dev.openstack.snapshots.operator.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openstack.snapshots.operator.schedule.ScheduledChild.Phase;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScheduleHealthTest {

    private static final ScheduleSource PG = ScheduleSource.persistentVolumeClaim("pg");
    private static final ScheduleSource WEB = ScheduleSource.persistentVolumeClaim("web");

    private static ScheduledChild child(ScheduleSource source, int hour, Phase phase, String error) {
        Instant slot = Instant.parse("2025-06-01T00:00:00Z").plusSeconds(3600L * hour);
        return new ScheduledChild("s-" + source.value() + "-" + hour, source, slot, phase, error, false);
    }

    @Test
    void aSourceFailsWhileItsNewestSnapshotIsErred() {
        ScheduleHealth health = ScheduleHealth.of(List.of(
                child(PG, 1, Phase.READY, null),
                child(PG, 2, Phase.ERRED, "Cinder 413: SnapshotLimitExceeded"),
                child(WEB, 1, Phase.ERRED, "old failure"),
                child(WEB, 2, Phase.READY, null)));
        assertTrue(health.failing());
        assertEquals("s-pg-2 (PVC pg): Cinder 413: SnapshotLimitExceeded", health.errorMessage());
        assertEquals(Optional.of(Instant.parse("2025-06-01T02:00:00Z")), health.lastSuccessful());
        assertEquals(4, health.count());
    }

    @Test
    void recoversWhenANewerSnapshotIsNotErred() {
        ScheduleHealth health = ScheduleHealth.of(List.of(
                child(PG, 1, Phase.ERRED, "quota"), child(PG, 2, Phase.PENDING, null)));
        assertFalse(health.failing());
        assertEquals("", health.errorMessage());
        assertEquals(Optional.empty(), health.lastSuccessful());
    }
}
