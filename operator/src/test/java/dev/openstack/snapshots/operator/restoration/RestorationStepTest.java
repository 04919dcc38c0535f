package dev.openstack.snapshots.operator.restoration;

import static dev.openstack.snapshots.operator.restoration.Restorations.restoration;
import static dev.openstack.snapshots.operator.restoration.Restorations.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.SnapshotRestoration;
import dev.openstack.snapshots.operator.api.SnapshotRestorationStatus;
import dev.openstack.snapshots.operator.api.SnapshotState;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RestorationStepTest {

    private final SnapshotRestoration restoration = restoration("r1", "snap");

    @Test
    void missingSnapshotIsWaitedForWithAMessageNamingIt() {
        SnapshotReadiness readiness = SnapshotReadiness.of("team-a", "snap", Optional.empty());
        RestorationStep step = RestorationStep.decide(restoration, readiness);
        assertEquals("OpenStackSnapshot team-a/snap does not exist (yet); the restore starts when it exists and is Ready",
                assertInstanceOf(RestorationStep.WaitForSnapshot.class, step).message());
    }

    @Test
    void snapshotNotReadyIsWaitedForAndItsStateNamed() {
        SnapshotReadiness readiness = SnapshotReadiness.of("team-a", "snap",
                Optional.of(snapshot("snap", SnapshotState.Creating, false, "cinder-snap")));
        RestorationStep.WaitForSnapshot wait = assertInstanceOf(RestorationStep.WaitForSnapshot.class,
                RestorationStep.decide(restoration, readiness));
        assertTrue(wait.message().contains("team-a/snap") && wait.message().contains("Creating"), wait.message());
    }

    @Test
    void snapshotBeingDeletedIsNotRestored() {
        OpenStackSnapshot snap = snapshot("snap", SnapshotState.OK, true, "cinder-snap");
        snap.getMetadata().setDeletionTimestamp("2026-01-01T00:00:00Z");
        assertFalse(SnapshotReadiness.of("team-a", "snap", Optional.of(snap)).ready());
    }

    @Test
    void readySnapshotIsRestored() {
        SnapshotReadiness readiness = SnapshotReadiness.of("team-a", "snap",
                Optional.of(snapshot("snap", SnapshotState.OK, true, "cinder-snap")));
        assertInstanceOf(RestorationStep.Restore.class, RestorationStep.decide(restoration, readiness));
    }

    @Test
    void aRecordedVolumeIsFollowedEvenWithoutTheSnapshot() {
        SnapshotRestorationStatus status = new SnapshotRestorationStatus();
        status.setVolumeID("vol-9");
        status.setState(SnapshotState.OK);
        restoration.setStatus(status);
        RestorationStep step = RestorationStep.decide(restoration, SnapshotReadiness.of("team-a", "snap", Optional.empty()));
        assertEquals("vol-9", assertInstanceOf(RestorationStep.Follow.class, step).volumeId());
    }

    @Test
    void aRefusedSpecIsNotRetriedUntilTheGenerationChanges() {
        SnapshotRestorationStatus status = new SnapshotRestorationStatus();
        status.setState(SnapshotState.Erred);
        status.setObservedGeneration(1L);
        restoration.setStatus(status);
        SnapshotReadiness ready = SnapshotReadiness.of("team-a", "snap",
                Optional.of(snapshot("snap", SnapshotState.OK, true, "cinder-snap")));
        assertInstanceOf(RestorationStep.StayFailed.class, RestorationStep.decide(restoration, ready));

        restoration.getMetadata().setGeneration(2L);
        assertInstanceOf(RestorationStep.Restore.class, RestorationStep.decide(restoration, ready));
    }
}
