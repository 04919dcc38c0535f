package dev.openstack.snapshots.operator.restoration;

import static dev.openstack.snapshots.operator.restoration.Restorations.volume;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.openstack.snapshots.operator.api.CloudCredentialsRef;
import dev.openstack.snapshots.operator.api.SnapshotRestorationStatus;
import dev.openstack.snapshots.operator.api.SnapshotState;
import dev.openstack.snapshots.operator.status.Reason;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class RestorationStatusFactoryTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant T1 = Instant.parse("2026-03-01T10:05:00Z");

    private RestorationStatusFactory at(Instant now) {
        return new RestorationStatusFactory(Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void waitingForTheSnapshotIsProgressingWithReasonWaitingForSnapshot() {
        SnapshotRestorationStatus s = at(T0).waitingForSnapshot(null, 1, "waiting for OpenStackSnapshot team-a/snap");
        assertEquals(SnapshotState.CreationScheduled, s.getState());
        assertCondition(s, "Ready", "False", "WaitingForSnapshot");
        assertCondition(s, "Progressing", "True", "WaitingForSnapshot");
        assertEquals("waiting for OpenStackSnapshot team-a/snap", condition(s, "Progressing").getMessage());
        assertEquals(1L, s.getObservedGeneration());
    }

    @Test
    void theCreateAnswerRecordsIdCredentialsAndCreatingState() {
        SnapshotRestorationStatus s = at(T0).volumeRecorded(null, 1, volume("vol-1", "creating", 2, List.of()),
                "cinder-snap", new CloudCredentialsRef("clouds", "openstack"));
        assertEquals("vol-1", s.getVolumeID());
        assertEquals("cinder-snap", s.getSnapshotID());
        assertEquals("clouds", s.getCloudCredentialsRef().getSecretName());
        assertEquals(SnapshotState.Creating, s.getState());
        assertEquals("creating", s.getVolumeRuntimeState());
        assertCondition(s, "Progressing", "True", "Progressing");
    }

    @Test
    void anAvailableVolumeIsReadyWithSizeInMiBAndDevice() {
        SnapshotRestorationStatus s = at(T0).observed(null, 1, volume("vol-1", "in-use", 20, List.of("/dev/vdb")));
        assertEquals(SnapshotState.OK, s.getState());
        assertEquals(20480L, s.getVolumeSizeMiB());
        assertEquals("/dev/vdb", s.getVolumeDevice());
        assertEquals("restored", s.getVolumeName());
        assertEquals("2026-01-02T03:04:05Z", s.getCreated());
        assertNull(s.getErrorMessage());
        assertCondition(s, "Ready", "True", "Success");
        assertCondition(s, "Progressing", "False", "Success");
    }

    @Test
    void aVolumeInErrorIsErredWithBackendError() {
        SnapshotRestorationStatus s = at(T0).observed(null, 1, volume("vol-1", "error", 1, List.of()));
        assertEquals(SnapshotState.Erred, s.getState());
        assertEquals("Cinder volume vol-1 is in status error", s.getErrorMessage());
        assertCondition(s, "Ready", "False", "BackendError");
        assertCondition(s, "Progressing", "False", "BackendError");
    }

    @Test
    void aVanishedVolumeIsErredNotFound() {
        SnapshotRestorationStatus before = at(T0).observed(null, 1, volume("vol-1", "available", 1, List.of()));
        SnapshotRestorationStatus s = at(T1).gone(before, 1);
        assertEquals(SnapshotState.Erred, s.getState());
        assertEquals("vol-1", s.getVolumeID());
        assertCondition(s, "Ready", "False", "NotFound");
        assertEquals("Does not exist at backend: Cinder no longer has volume vol-1", s.getErrorMessage());
    }

    @Test
    void transitionTimesMoveOnlyWhenAConditionFlips() {
        SnapshotRestorationStatus creating = at(T0).observed(null, 1, volume("vol-1", "creating", 1, List.of()));
        SnapshotRestorationStatus stillCreating = at(T1).observed(creating, 1, volume("vol-1", "creating", 1, List.of()));
        assertEquals(T0.toString(), condition(stillCreating, "Ready").getLastTransitionTime());
        SnapshotRestorationStatus available = at(T1).observed(stillCreating, 1, volume("vol-1", "available", 1, List.of()));
        assertEquals(T1.toString(), condition(available, "Ready").getLastTransitionTime());
        assertEquals(T1.toString(), condition(available, "Progressing").getLastTransitionTime());
    }

    @Test
    void aTransientErrorKeepsStateAndReadyAndSaysWeRetry() {
        SnapshotRestorationStatus creating = at(T0).observed(null, 1, volume("vol-1", "creating", 1, List.of()));
        SnapshotRestorationStatus s = at(T1).transientFailure(creating, 1, "503 from Cinder");
        assertEquals(SnapshotState.Creating, s.getState());
        assertEquals("503 from Cinder", s.getErrorMessage());
        assertCondition(s, "Ready", "False", "Progressing");
        assertCondition(s, "Progressing", "True", "TransientError");
    }

    @Test
    void theInputIsNeverChanged() {
        SnapshotRestorationStatus creating = at(T0).observed(null, 1, volume("vol-1", "creating", 1, List.of()));
        at(T1).failed(creating, 2, Reason.InvalidConfiguration, "too small");
        assertEquals(SnapshotState.Creating, creating.getState());
        assertEquals(1L, creating.getObservedGeneration());
        assertCondition(creating, "Ready", "False", "Progressing");
    }

    private static void assertCondition(SnapshotRestorationStatus s, String type, String status, String reason) {
        Condition c = condition(s, type);
        assertEquals(status, c.getStatus(), type + " status");
        assertEquals(reason, c.getReason(), type + " reason");
    }

    private static Condition condition(SnapshotRestorationStatus s, String type) {
        return s.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElseThrow();
    }
}
