package dev.openstack.snapshots.operator.restoration;

import static dev.openstack.snapshots.operator.restoration.Restorations.restoration;
import static dev.openstack.snapshots.operator.restoration.Restorations.volume;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openstack.snapshots.operator.api.RestorationSummary;
import dev.openstack.snapshots.operator.api.SnapshotRestoration;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RestorationSummariesTest {

    private final RestorationStatusFactory statuses =
            new RestorationStatusFactory(Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC));

    @Test
    void everyRestorationIsListedByNameWithItsVolume() {
        SnapshotRestoration b = restoration("b", "snap");
        b.setStatus(statuses.observed(null, 1, volume("vol-b", "in-use", 2, List.of("/dev/vdc"))));
        SnapshotRestoration a = restoration("a", "snap");

        List<RestorationSummary> list = RestorationSummaries.summarize(List.of(b, a));

        assertEquals(List.of("a", "b"), list.stream().map(RestorationSummary::getName).toList());
        RestorationSummary first = list.get(0);
        assertEquals("uid-a", first.getUid());
        assertEquals("a", first.getVolumeName());
        assertEquals("Restored from snapshot snap", first.getDescription());
        assertEquals("2026-01-01T00:00:00Z", first.getCreated());
        assertNull(first.getVolumeID());
        RestorationSummary second = list.get(1);
        assertEquals("vol-b", second.getVolumeID());
        assertEquals("OK", second.getVolumeState());
        assertEquals("in-use", second.getVolumeRuntimeState());
        assertEquals(2048L, second.getVolumeSizeMiB());
        assertEquals("/dev/vdc", second.getVolumeDevice());
    }

    @Test
    void onlyRestorationsCreatingTheirVolumeHoldTheSnapshotsDeletion() {
        SnapshotRestoration waiting = restoration("waiting", "snap");
        waiting.setStatus(statuses.waitingForSnapshot(null, 1, "waiting"));
        SnapshotRestoration done = restoration("done", "snap");
        done.setStatus(statuses.observed(null, 1, volume("vol-d", "available", 1, List.of())));
        SnapshotRestoration creating = restoration("creating", "snap");
        creating.setStatus(statuses.observed(null, 1, volume("vol-c", "creating", 1, List.of())));

        assertEquals(Optional.empty(), RestorationSummaries.inProgress(List.of(waiting, done)));
        Optional<String> message = RestorationSummaries.inProgress(List.of(waiting, done, creating));
        assertTrue(message.orElseThrow().contains("creating"), message.get());
        assertTrue(!message.get().contains("done") && !message.get().contains("waiting,"), message.get());
    }

    @Test
    void aRestorationWaitingForItsClaimToBindNoLongerHoldsTheSnapshot() {
        SnapshotRestoration binding = ClaimObjectsTest.claimRestoration();
        var volume = volume("vol-b", "available", 1, List.of());
        binding.setStatus(statuses.claimed(statuses.observed(null, 1, volume), 1, "team-a",
                new ClaimBinder.Claimed("pv-vol-b", "pg-data", "Pending")));
        assertEquals(dev.openstack.snapshots.operator.api.SnapshotState.Creating, binding.getStatus().getState());
        assertEquals(Optional.empty(), RestorationSummaries.inProgress(List.of(binding)));
    }
}
