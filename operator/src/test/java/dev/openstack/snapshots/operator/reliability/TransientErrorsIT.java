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
import dev.openstack.snapshots.operator.cinder.NewSnapshot;
import dev.openstack.snapshots.operator.cloud.OpenStackSettings;
import dev.openstack.snapshots.operator.snapshot.SnapshotActuator;
import dev.openstack.snapshots.operator.testing.OperatorHarness;
import dev.openstack.snapshots.simulator.controls.SimulatorControls;
import dev.openstack.snapshots.simulator.faults.FaultRule;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 5xx, 429 and timeouts (ARCHITECTURE §2): the state stays, Progressing says TransientError, the call is
 * retried with backoff, and a failing listing never makes a snapshot look vanished. (A plain 500 on
 * create is SnapshotErrorsIT's; this covers 429, timeouts and the poller.) The operator runs with a
 * short read timeout so that a hanging Cinder is a timeout within the test.
 */
class TransientErrorsIT {

    private static final Duration READ_TIMEOUT = Duration.ofMillis(500);

    static final OperatorHarness h = OperatorHarness.startWithoutQuotas();
    static KillableOperator operator;
    static final List<StatusSeen> seen = new CopyOnWriteArrayList<>();
    static Watch watch;

    /** One version of an object's status, as the watch saw it. */
    record StatusSeen(String namespace, String name, SnapshotState state, List<String> reasons, String errorMessage,
            List<String> messages) {
    }

    @BeforeAll
    static void startWithShortTimeouts() {
        h.stopOperator();
        OpenStackSettings defaults = OpenStackSettings.defaults();
        operator = new KillableOperator(h, new OpenStackSettings(defaults.connectTimeout(), READ_TIMEOUT,
                defaults.maxConcurrentCalls(), defaults.tokenRefreshMargin())).start();
        watch = h.client().resources(OpenStackSnapshot.class).inAnyNamespace().watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, OpenStackSnapshot s) {
                if (s.getStatus() != null) {
                    seen.add(new StatusSeen(s.getMetadata().getNamespace(), s.getMetadata().getName(), s.getStatus().getState(),
                            s.getStatus().getConditions() == null ? List.of()
                                    : s.getStatus().getConditions().stream().map(Condition::getReason).toList(),
                            s.getStatus().getErrorMessage(),
                            s.getStatus().getConditions() == null ? List.of()
                                    : s.getStatus().getConditions().stream().map(Condition::getMessage).toList()));
                }
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        });
    }

    @AfterAll
    static void stop() {
        watch.close();
        operator.kill();
        h.startOperator(); // the harness closes the operator it owns
        h.close();
    }

    @AfterEach
    void clearFaults() {
        h.simulator().controls().clearFaults();
    }

    @Test
    void rateLimitedCreateKeepsTheStateAndIsRetried() {
        SimulatorControls sim = h.simulator().controls();
        String ns = h.newNamespace();
        String volume = h.admin().createVolume("v-429", 1);
        long before = sim.count("snapshot.create");
        sim.addFault(new FaultRule("snapshot.create", 3, 429, "Too many requests", 0, false));
        h.create(h.snapshotOf(ns, "s", volume));

        OpenStackSnapshot ok = h.awaitState(ns, "s", SnapshotState.OK);
        List<StatusSeen> transients = versions(ns, "s").stream().filter(v -> v.reasons().contains("TransientError")).toList();
        assertTrue(!transients.isEmpty(), "a 429 is reported as TransientError: " + versions(ns, "s"));
        transients.forEach(v -> assertEquals(SnapshotState.CreationScheduled, v.state(), "a 429 does not change the state"));
        assertTrue(transients.get(0).errorMessage().contains("429"), transients.get(0).errorMessage());
        assertTrue(versions(ns, "s").stream().noneMatch(v -> v.state() == SnapshotState.Erred));
        assertEquals("", ok.getStatus().getErrorMessage(), "success clears the error");
        assertEquals(4, sim.count("snapshot.create") - before, "three refusals, one retry each, then one success");
        assertEquals(1, h.cinderSnapshotsOfVolume(volume).size());
    }

    @Test
    void createThatTimesOutAfterCinderAcceptedItIsAdoptedNotDuplicated() {
        SimulatorControls sim = h.simulator().controls();
        String ns = h.newNamespace();
        String volume = h.admin().createVolume("v-timeout", 1);
        // Cinder answers long after the operator gave up, and the snapshot exists all the same
        sim.addFault(FaultRule.hang("snapshot.create", 1, READ_TIMEOUT.toMillis() * 3));
        h.create(h.snapshotOf(ns, "s", volume));

        OpenStackSnapshot ok = h.awaitState(ns, "s", SnapshotState.OK);
        assertTrue(versions(ns, "s").stream().anyMatch(v -> v.reasons().contains("TransientError")
                && v.state() == SnapshotState.CreationScheduled), "a timeout is a TransientError: " + versions(ns, "s"));
        h.waiting().until(() -> sim.inFlight() == 0);
        List<CinderSnapshot> all = h.cinderSnapshotsOfVolume(volume);
        assertEquals(1, all.size(), "one snapshot, not one per attempt: " + all);
        assertEquals(all.get(0).id(), ok.getStatus().getBackendID());
    }

    @Test
    void restorationVolumeCreateThatTimesOutAfterCinderAcceptedItIsAdoptedNotDuplicated() {
        SimulatorControls sim = h.simulator().controls();
        String ns = h.newNamespace();
        String volume = h.admin().createVolume("v-restore-timeout", 1);
        h.create(h.snapshotOf(ns, "s", volume));
        h.awaitState(ns, "s", SnapshotState.OK);
        long before = sim.count("volume.create");
        // the volume is made long after the operator gave up waiting for the answer
        sim.addFault(FaultRule.hang("volume.create", 1, READ_TIMEOUT.toMillis() * 3));
        h.client().resource(OperatorHarness.restorationOf(ns, "r", "s", DeletionPolicy.Retain)).create();

        h.waiting().until(() -> {
            SnapshotRestoration x = h.client().resources(SnapshotRestoration.class).inNamespace(ns).withName("r").get();
            return x.getStatus() != null && x.getStatus().getState() == SnapshotState.OK;
        });
        h.waiting().until(() -> sim.inFlight() == 0);
        SnapshotRestoration restored = h.client().resources(SnapshotRestoration.class).inNamespace(ns).withName("r").get();
        List<CinderVolume> owned = volumesOwnedBy(restored.getMetadata().getUid());
        assertEquals(1, owned.size(), "one volume, not one per attempt: " + owned);
        assertEquals(owned.get(0).id(), restored.getStatus().getVolumeID());
        assertEquals(1, sim.count("volume.create") - before, "the unanswered create is waited for, not repeated");
    }

    @Test
    void aDuplicateLeftByALateCreateIsDeletedWithTheObject() {
        String ns = h.newNamespace();
        String volume = h.admin().createVolume("v-late", 1);
        OpenStackSnapshot s = h.create(h.snapshotOf(ns, "s", volume));
        h.awaitState(ns, "s", SnapshotState.OK);
        // what an unanswered create leaves when Cinder processes it after the settle period, the object linked
        CinderSnapshot late = h.cinder().snapshots().create(new NewSnapshot(volume, "s", null, false,
                SnapshotActuator.ownerTags(s).asMetadata()));
        h.waiting().until(() -> "available".equals(h.cinder().snapshots().get(late.id()).orElseThrow().status()));
        h.delete(ns, "s");
        h.awaitGone(ns, "s");
        assertEquals(List.of(), h.cinderSnapshotsOfVolume(volume), "deleting the object deletes every snapshot it owns");
    }

    @Test
    void failingListingsNeverReportSnapshotsAsVanished() {
        SimulatorControls sim = h.simulator().controls();
        String ns = h.newNamespace();
        String volume = h.admin().createVolume("v-poll", 1);
        List<String> names = List.of("a", "b", "c", "d");
        names.forEach(n -> h.create(h.snapshotOf(ns, n, volume)));
        names.forEach(n -> h.awaitState(ns, n, SnapshotState.OK));
        String goneBehindOurBack = h.get(ns, "c").getStatus().getBackendID();
        String editedAfterDeletion = h.get(ns, "d").getStatus().getBackendID();

        // 500s, timeouts and 429s on every listing for a while; meanwhile the user edits "a" and "b", and "c" and
        // "d" are deleted in Cinder, "d" then edited: the push's 404 is news the listing could not give
        // The hangs come last: when the last fault has been taken, its listing still runs into the read timeout, so
        // the outage window below closes before any listing can succeed (with a 429 last, a quick successful
        // listing could land inside the window and its true "c is gone" was counted as reported during the outage).
        sim.addFault(FaultRule.status("snapshot.list", 4, 500));
        sim.addFault(FaultRule.status("snapshot.list", 4, 429));
        sim.addFault(FaultRule.hang("snapshot.list", 2, READ_TIMEOUT.toMillis() * 2));
        int from = seen.size();
        h.cinder().snapshots().delete(goneBehindOurBack);
        h.cinder().snapshots().delete(editedAfterDeletion);
        h.waiting().until(() -> h.cinder().snapshots().get(editedAfterDeletion).isEmpty());
        List.of("a", "b", "d").forEach(n -> h.edit(ns, n, o -> {
            o.getSpec().setMetadata(Map.of("edited", "during-outage"));
            return o;
        }));
        OpenStackSnapshot d = h.awaitState(ns, "d", SnapshotState.Erred);
        assertTrue(d.getStatus().getConditions().stream().anyMatch(x -> "NotFound".equals(x.getReason())),
                "a 404 on pushing an edit means the snapshot is gone, not that the spec is bad: " + d.getStatus());
        assertEquals("Does not exist at backend", d.getStatus().getErrorMessage());
        h.waiting().until(() -> sim.pendingFaults().isEmpty());
        List<StatusSeen> duringOutage = new ArrayList<>(seen.subList(from, seen.size()));
        duringOutage.stream().filter(v -> v.namespace().equals(ns) && !v.name().equals("d")).forEach(v -> {
            assertTrue(v.state() != SnapshotState.Erred, "nothing is reported vanished while listing fails: " + v);
            assertTrue(!v.reasons().contains("NotFound"), "nothing is reported vanished while listing fails: " + v);
        });

        // once listing works again, the truth: "c" is gone, the others took the edit
        OpenStackSnapshot c = h.awaitState(ns, "c", SnapshotState.Erred);
        assertTrue(c.getStatus().getConditions().stream().anyMatch(x -> "NotFound".equals(x.getReason())));
        for (String n : List.of("a", "b")) {
            h.await(ns, n, o -> o.getStatus().getState() == SnapshotState.OK && h.cinder().snapshots()
                    .get(o.getStatus().getBackendID()).orElseThrow().metadata().containsKey("edited"));
        }
    }

    @Test
    void aCloudWhoseListingsKeepFailingIsReportedOnceOnItsObjectsAndClearedWhenItRecovers() {
        SimulatorControls sim = h.simulator().controls();
        String ns = h.newNamespace();
        String volume = h.admin().createVolume("v-health", 1);
        h.create(h.snapshotOf(ns, "a", volume));
        h.create(h.snapshotOf(ns, "b", volume));
        h.awaitState(ns, "a", SnapshotState.OK);
        h.awaitState(ns, "b", SnapshotState.OK);
        int from = seen.size();

        sim.addFault(new FaultRule("snapshot.list", 100_000, 500, "listing is broken", 0, false));
        for (String n : List.of("a", "b")) {
            OpenStackSnapshot troubled = h.await(ns, n, o -> progressing(o) != null
                    && "TransientError".equals(progressing(o).getReason()));
            Condition p = progressing(troubled);
            assertEquals("True", p.getStatus(), "retrying is progress: " + p);
            assertTrue(p.getMessage().startsWith("Cinder listing failing since "), p.getMessage());
            assertTrue(p.getMessage().contains("500"), p.getMessage());
            assertEquals(SnapshotState.OK, troubled.getStatus().getState(), "the state stays: " + troubled.getStatus());
            assertEquals(p.getMessage(), troubled.getStatus().getErrorMessage());
        }
        // many more failing polls: the objects are told once, not per poll
        long lists = sim.count("snapshot.list");
        h.waiting().until(() -> sim.count("snapshot.list") >= lists + 10);
        h.edit(ns, "a", o -> {
            o.getSpec().setMetadata(Map.of("edited", "during-outage"));
            return o;
        });
        h.await(ns, "a", o -> h.cinder().snapshots().get(o.getStatus().getBackendID()).orElseThrow()
                .metadata().containsKey("edited"));
        List<StatusSeen> outageOfB = versionsSince(from, ns, "b");
        assertEquals(1, outageOfB.size(), "one status write when the cloud turns unhealthy: " + outageOfB);
        assertEquals(1, versionsSince(from, ns, "a").stream().filter(v -> v.reasons().contains("TransientError"))
                .map(StatusSeen::messages).distinct().count(),
                "the message does not change with each failing poll, nor after an edit: " + versionsSince(from, ns, "a"));

        sim.clearFaults();
        for (String n : List.of("a", "b")) {
            OpenStackSnapshot recovered = h.await(ns, n, o -> progressing(o) != null
                    && "False".equals(progressing(o).getStatus()));
            assertEquals("Success", progressing(recovered).getReason());
            assertEquals("", recovered.getStatus().getErrorMessage());
            assertEquals(SnapshotState.OK, recovered.getStatus().getState());
        }
    }

    private static Condition progressing(OpenStackSnapshot o) {
        return o.getStatus() == null || o.getStatus().getConditions() == null ? null
                : o.getStatus().getConditions().stream().filter(c -> "Progressing".equals(c.getType())).findFirst()
                        .orElse(null);
    }

    private static List<StatusSeen> versionsSince(int from, String ns, String name) {
        return new ArrayList<>(seen.subList(from, seen.size())).stream()
                .filter(v -> v.namespace().equals(ns) && v.name().equals(name)).toList();
    }

    private static List<CinderVolume> volumesOwnedBy(String uid) {
        List<CinderVolume> all = new ArrayList<>();
        String marker = null;
        do {
            Page<CinderVolume> page = h.cinder().volumes().list(marker, 100);
            all.addAll(page.items());
            marker = page.nextMarker();
        } while (marker != null);
        return all.stream().filter(v -> uid.equals(v.metadata().get(OwnerTags.UID))).toList();
    }

    private static List<StatusSeen> versions(String ns, String name) {
        return seen.stream().filter(v -> v.namespace().equals(ns) && v.name().equals(name)).toList();
    }
}
