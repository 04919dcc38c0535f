package dev.openstack.snapshots.operator.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openstack.snapshots.operator.api.DeletionPolicy;
import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.SnapshotRestoration;
import dev.openstack.snapshots.operator.api.SnapshotState;
import dev.openstack.snapshots.operator.cinder.CinderSnapshot;
import dev.openstack.snapshots.operator.cinder.CinderVolume;
import dev.openstack.snapshots.operator.cinder.OwnerTags;
import dev.openstack.snapshots.operator.cinder.Page;
import dev.openstack.snapshots.operator.testing.OperatorHarness;
import dev.openstack.snapshots.simulator.controls.SimulatorControls;
import dev.openstack.snapshots.simulator.faults.FaultRule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * "Killing the operator at any instant leaks and duplicates nothing" (ARCHITECTURE §3, crash safety).
 * The operator is killed (its Kubernetes client cut first, see {@link KillableOperator}) at instants
 * chosen from a fixed seed: while Cinder holds create answers (accepted, never reported back), between
 * status writes, while restorations create volumes, while Cinder holds delete answers, and while the
 * object is deleted with the operator down. A fresh operator on the same Kubernetes and Cinder must
 * then converge to exactly one Cinder resource per object, and to nothing tagged once all is deleted.
 */
class CrashSafetyIT {

    private static final long SEED = 0x5EED_C4A5L;
    private static final int SNAPSHOTS = 6;
    private static final long HANG_MILLIS = 300;

    static final OperatorHarness h = OperatorHarness.startWithoutQuotas();
    static KillableOperator operator;

    @BeforeAll
    static void replaceTheHarnessOperator() {
        h.stopOperator();
        operator = new KillableOperator(h);
    }

    @AfterAll
    static void stop() {
        operator.kill();
        h.startOperator(); // the harness closes the operator it owns
        h.close();
    }

    @Test
    void killsAtAnyInstantLeakAndDuplicateNothing() {
        Random random = new Random(SEED);
        SimulatorControls sim = h.simulator().controls();
        String ns = h.newNamespace();
        List<String> volumes = List.of(h.admin().createVolume("crash-a", 1), h.admin().createVolume("crash-b", 1));
        sim.resetCounters();

        // 1. Cinder holds every create answer; the kill lands after k creates were accepted, none reported.
        sim.addFault(FaultRule.hang("snapshot.create", SNAPSHOTS, HANG_MILLIS));
        operator.start();
        List<String> names = IntStream.range(0, SNAPSHOTS).mapToObj(i -> "s" + i).toList();
        for (int i = 0; i < SNAPSHOTS; i++) {
            OpenStackSnapshot s = h.snapshotOf(ns, names.get(i), volumes.get(i % 2));
            if (i % 3 == 0) {
                s.getSpec().setDescription("described " + i); // create, then a second call for the description
                s.getSpec().setMetadata(Map.of("app", "crash-" + i));
            }
            h.create(s);
        }
        long k = 1 + random.nextInt(3);
        until(() -> sim.count("snapshot.create") >= k);
        operator.kill();
        assertTrue(names.stream().anyMatch(n -> backendIdOf(ns, n) == null && !h.cinderSnapshotsOf(h.get(ns, n)).isEmpty()),
                "the kill landed between Cinder accepting a create and the backendID reaching status");
        operator.start();

        // 2. Kill between two status writes: once some, not all, objects have a backendID.
        int linked = 1 + random.nextInt(SNAPSHOTS - 1);
        until(() -> withBackendId(ns, names) >= linked);
        operator.restart();

        // 3. Kill after a seeded pause, wherever the operator is.
        pause(random.nextInt(400));
        operator.restart();
        for (String name : names) {
            h.await(ns, name, s -> s.getStatus() != null && s.getStatus().getState() == SnapshotState.OK
                    && s.getStatus().getBackendID() != null);
        }
        assertOneCinderSnapshotPerObject(ns, names);

        // 4. Restorations: Cinder holds the volume-create answers; kill after the first was accepted.
        sim.clearFaults();
        sim.addFault(FaultRule.hang("volume.create", 2, HANG_MILLIS));
        long volumeCreates = sim.count("volume.create");
        List<String> restorations = List.of("r0", "r1");
        h.client().resource(OperatorHarness.restorationOf(ns, "r0", "s0", DeletionPolicy.Delete)).create();
        h.client().resource(OperatorHarness.restorationOf(ns, "r1", "s1", DeletionPolicy.Delete)).create();
        until(() -> sim.count("volume.create") > volumeCreates);
        operator.restart();
        for (String name : restorations) {
            until(() -> {
                SnapshotRestoration r = restorationNamed(ns, name);
                return r != null && r.getStatus() != null && r.getStatus().getState() == SnapshotState.OK;
            });
        }
        for (String name : restorations) {
            SnapshotRestoration r = restorationNamed(ns, name);
            List<CinderVolume> owned = volumesOwnedBy(r.getMetadata().getUid());
            assertEquals(1, owned.size(), name + " owns exactly one volume: " + owned);
            assertEquals(owned.get(0).id(), r.getStatus().getVolumeID(), name + " links the volume it owns");
        }

        // 5. An object whose create Cinder accepted but never answered, deleted while the operator is dead.
        sim.addFault(FaultRule.hang("snapshot.create", 1, HANG_MILLIS));
        long creates = sim.count("snapshot.create");
        OpenStackSnapshot orphan = h.create(h.snapshotOf(ns, "orphan", volumes.get(0)));
        until(() -> sim.count("snapshot.create") > creates);
        operator.kill();
        assertEquals(null, backendIdOf(ns, "orphan"), "the kill landed before the backendID was written");
        assertEquals(1, h.cinderSnapshotsOf(orphan).size(), "Cinder accepted the create");
        h.delete(ns, "orphan");
        operator.start();
        h.awaitGone(ns, "orphan");

        // 6. Deletion: restorations (deletionPolicy Delete) first, then the snapshots, killed mid-way.
        sim.addFault(FaultRule.hang("volume.delete", 2, HANG_MILLIS));
        long volumeDeletes = sim.count("volume.delete");
        restorations.forEach(name -> h.client().resources(SnapshotRestoration.class).inNamespace(ns).withName(name).delete());
        until(() -> sim.count("volume.delete") > volumeDeletes);
        operator.restart();
        restorations.forEach(name -> until(() -> restorationNamed(ns, name) == null));

        sim.addFault(FaultRule.hang("snapshot.delete", SNAPSHOTS, HANG_MILLIS));
        long deletes = sim.count("snapshot.delete");
        long deletesBeforeKill = 1 + random.nextInt(SNAPSHOTS - 1);
        names.forEach(name -> h.delete(ns, name));
        until(() -> sim.count("snapshot.delete") >= deletes + deletesBeforeKill);
        operator.restart();
        pause(random.nextInt(300));
        operator.restart();
        names.forEach(name -> h.awaitGone(ns, name));

        assertNothingTagged(ns);
        assertEquals(Set.copyOf(volumes), volumeIds(), "only the source volumes are left");
    }

    private static void assertOneCinderSnapshotPerObject(String ns, List<String> names) {
        List<CinderSnapshot> all = h.cinderSnapshots();
        for (String name : names) {
            OpenStackSnapshot s = h.get(ns, name);
            List<CinderSnapshot> owned = all.stream()
                    .filter(c -> s.getMetadata().getUid().equals(c.metadata().get(OwnerTags.UID))).toList();
            assertEquals(1, owned.size(), name + " owns exactly one Cinder snapshot: " + owned);
            assertEquals(owned.get(0).id(), s.getStatus().getBackendID(), name + " links the snapshot it owns");
            assertEquals("available", owned.get(0).status());
        }
        assertEquals(names.size(), all.size(), "no Cinder snapshot without an object");
    }

    private static void assertNothingTagged(String ns) {
        List<CinderSnapshot> snapshots = h.cinderSnapshots().stream()
                .filter(s -> ns.equals(s.metadata().get(OwnerTags.NAMESPACE))).toList();
        assertTrue(snapshots.isEmpty(), "tagged Cinder snapshots left: " + snapshots);
        List<CinderVolume> volumes = allVolumes().stream()
                .filter(v -> ns.equals(v.metadata().get(OwnerTags.NAMESPACE))).toList();
        assertTrue(volumes.isEmpty(), "tagged Cinder volumes left: " + volumes);
    }

    private static int withBackendId(String ns, List<String> names) {
        return (int) names.stream().filter(n -> backendIdOf(ns, n) != null).count();
    }

    private static String backendIdOf(String ns, String name) {
        OpenStackSnapshot s = h.get(ns, name);
        return s == null || s.getStatus() == null ? null : s.getStatus().getBackendID();
    }

    private static SnapshotRestoration restorationNamed(String ns, String name) {
        return h.client().resources(SnapshotRestoration.class).inNamespace(ns).withName(name).get();
    }

    private static List<CinderVolume> volumesOwnedBy(String uid) {
        return allVolumes().stream().filter(v -> uid.equals(v.metadata().get(OwnerTags.UID))).toList();
    }

    private static Set<String> volumeIds() {
        Set<String> ids = new HashSet<>();
        allVolumes().forEach(v -> ids.add(v.id()));
        return ids;
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

    /** A seeded pause of at most a few hundred milliseconds: where the next kill lands. */
    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
