package dev.openstack.snapshots.operator.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openstack.snapshots.operator.api.DeletionPolicy;
import dev.openstack.snapshots.operator.api.SnapshotRestoration;
import dev.openstack.snapshots.operator.api.SnapshotState;
import dev.openstack.snapshots.operator.cinder.CinderVolume;
import dev.openstack.snapshots.operator.cinder.OwnerTags;
import dev.openstack.snapshots.operator.cinder.Page;
import dev.openstack.snapshots.operator.cloud.OpenStackSettings;
import dev.openstack.snapshots.operator.testing.OperatorHarness;
import dev.openstack.snapshots.simulator.controls.SimulatorControls;
import dev.openstack.snapshots.simulator.faults.FaultRule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two operator processes at once restore snapshots while Cinder makes each volume within the read timeout but answers
 * only after it, so neither process learns the id from its call. Every restoration must end with exactly one volume,
 * and one deleted while its create was unanswered must leave none. Found by the kill campaign (issue 14): before the
 * volume create was persisted in status (volumeRequestedAt, by compare-and-set), both processes created a volume for
 * the same restoration, and the one handling a deletion let go of restorations whose volume landed a moment later.
 */
class RestorationOverlapIT {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(1);
    private static final int KEPT = 4;
    private static final int DELETED = 4;

    static final OperatorHarness h = OperatorHarness.startWithoutQuotas();
    static KillableOperator first;
    static KillableOperator second;

    @BeforeAll
    static void twoOperatorsInsteadOfTheHarnessOne() {
        h.stopOperator();
        OpenStackSettings shortReads = new OpenStackSettings(Duration.ofSeconds(2), READ_TIMEOUT, 8, Duration.ofMinutes(5));
        first = new KillableOperator(h, shortReads);
        second = new KillableOperator(h, shortReads);
    }

    @AfterAll
    static void stop() {
        first.kill();
        second.kill();
        h.startOperator(); // the harness closes the operator it owns
        h.close();
    }

    @Test
    void twoOperatorsMakeOneVolumePerRestorationAndLeaveNoneForDeletedOnes() {
        SimulatorControls sim = h.simulator().controls();
        String ns = h.newNamespace();
        String volume = h.admin().createVolume("overlap", 1);
        first.start();
        second.start();
        h.create(h.snapshotOf(ns, "s", volume));
        h.await(ns, "s", s -> s.getStatus() != null && s.getStatus().getState() == SnapshotState.OK);

        // Each volume exists 300 ms after its create arrived; the answer comes 1.5 s later, past the read timeout.
        sim.addFault(FaultRule.latency("volume.create", 1000, 300, 1500));
        long creates = sim.count("volume.create");
        List<String> kept = IntStream.range(0, KEPT).mapToObj(i -> "kept-" + i).toList();
        List<String> deleted = IntStream.range(0, DELETED).mapToObj(i -> "deleted-" + i).toList();
        List<String> uidsOfDeleted = new ArrayList<>();
        kept.forEach(name -> h.client().resource(OperatorHarness.restorationOf(ns, name, "s", DeletionPolicy.Delete)).create());
        deleted.forEach(name -> uidsOfDeleted.add(h.client().resource(
                OperatorHarness.restorationOf(ns, name, "s", DeletionPolicy.Delete)).create().getMetadata().getUid()));
        // delete while the creates are in flight: made, not yet answered
        until(() -> sim.count("volume.create") >= creates + DELETED);
        deleted.forEach(name -> h.client().resources(SnapshotRestoration.class).inNamespace(ns).withName(name).delete());

        for (String name : kept) {
            until(() -> {
                SnapshotRestoration r = restoration(ns, name);
                return r.getStatus() != null && r.getStatus().getState() == SnapshotState.OK && r.getStatus().getVolumeID() != null;
            });
        }
        deleted.forEach(name -> until(() -> restoration(ns, name) == null));
        until(() -> sim.inFlight() == 0);
        pause(2 * READ_TIMEOUT.toMillis()); // anything still to land has landed, anything to remove is removed

        Map<String, List<String>> byOwner = allVolumes().stream().filter(v -> v.metadata().containsKey(OwnerTags.UID))
                .collect(Collectors.groupingBy(v -> v.metadata().get(OwnerTags.UID),
                        Collectors.mapping(CinderVolume::id, Collectors.toList())));
        for (String name : kept) {
            SnapshotRestoration r = restoration(ns, name);
            List<String> owned = byOwner.getOrDefault(r.getMetadata().getUid(), List.of());
            assertEquals(List.of(r.getStatus().getVolumeID()), owned, name + " owns exactly the volume it links: " + byOwner);
        }
        for (String uid : uidsOfDeleted) {
            assertTrue(!byOwner.containsKey(uid), "a deleted restoration left volume(s) " + byOwner.get(uid));
        }
        assertEquals(KEPT, byOwner.size(), "volumes per owner: " + byOwner);
    }

    private static SnapshotRestoration restoration(String ns, String name) {
        return h.client().resources(SnapshotRestoration.class).inNamespace(ns).withName(name).get();
    }

    private static List<CinderVolume> allVolumes() {
        List<CinderVolume> all = new ArrayList<>();
        String marker = null;
        do {
            Page<CinderVolume> page = h.cinder().volumes().list(marker, 100);
            all.addAll(page.items());
            marker = page.nextMarker();
        } while (marker != null);
        return all;
    }

    private static void until(BooleanSupplier condition) {
        OperatorHarness.waiting().until(condition::getAsBoolean);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
