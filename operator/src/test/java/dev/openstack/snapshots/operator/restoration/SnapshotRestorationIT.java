package dev.openstack.snapshots.operator.restoration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openstack.snapshots.operator.api.DeletionPolicy;
import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.RestorationSummary;
import dev.openstack.snapshots.operator.api.SnapshotRestoration;
import dev.openstack.snapshots.operator.api.SnapshotState;
import dev.openstack.snapshots.operator.cinder.CinderVolume;
import dev.openstack.snapshots.operator.cinder.OwnerTags;
import dev.openstack.snapshots.operator.cinder.Page;
import dev.openstack.snapshots.operator.names.KubernetesNames;
import dev.openstack.snapshots.operator.testing.OperatorHarness;
import dev.openstack.snapshots.simulator.faults.FaultRule;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** SnapshotRestoration end to end: mock Kubernetes API + the Cinder simulator over HTTP + the real adapter. */
class SnapshotRestorationIT {

    static final OperatorHarness h = OperatorHarness.start();

    @AfterAll
    static void stop() {
        h.close();
    }

    @Test
    void restoresAReadySnapshotIntoATaggedVolumeAndListsItOnTheSnapshot() {
        String ns = h.newNamespace();
        readySnapshot(ns, "pg-before-upgrade", 1);
        SnapshotRestoration r = restoration(ns, "pg-restored", "pg-before-upgrade");
        r.getSpec().getVolume().setSizeGiB(2);
        r.getSpec().getVolume().setMetadata(Map.of("app", "postgres"));
        h.client().resource(r).create();

        SnapshotRestoration ok = awaitState(ns, "pg-restored", SnapshotState.OK);
        var status = ok.getStatus();
        assertNotNull(status.getVolumeID());
        assertEquals("pg-restored", status.getVolumeName());
        assertEquals("available", status.getVolumeRuntimeState());
        assertEquals(2048L, status.getVolumeSizeMiB());
        assertNotNull(status.getCreated());
        assertCondition(ok, "Ready", "True", "Success");
        assertCondition(ok, "Progressing", "False", "Success");
        assertEquals("pg-before-upgrade", ok.getMetadata().getLabels().get(SnapshotRestoration.SNAPSHOT_LABEL));
        assertEquals(1, h.client().resources(SnapshotRestoration.class).inNamespace(ns)
                .withLabel(SnapshotRestoration.SNAPSHOT_LABEL, "pg-before-upgrade").list().getItems().size());

        CinderVolume volume = h.cinder().volumes().get(status.getVolumeID()).orElseThrow();
        OpenStackSnapshot snapshot = h.get(ns, "pg-before-upgrade");
        assertEquals(snapshot.getStatus().getBackendID(), volume.snapshotId());
        assertEquals("Restored from snapshot pg-before-upgrade", volume.description());
        assertEquals("postgres", volume.metadata().get("app"));
        assertEquals(ok.getMetadata().getUid(), volume.metadata().get(OwnerTags.UID));
        assertEquals(2, volume.sizeGiB());

        OpenStackSnapshot listed = h.await(ns, "pg-before-upgrade", s -> s.getStatus().getRestorations().size() == 1
                && "OK".equals(s.getStatus().getRestorations().get(0).getVolumeState()));
        RestorationSummary summary = listed.getStatus().getRestorations().get(0);
        assertEquals("pg-restored", summary.getName());
        assertEquals(ok.getMetadata().getUid(), summary.getUid());
        assertEquals(status.getVolumeID(), summary.getVolumeID());
        assertEquals("available", summary.getVolumeRuntimeState());
        assertEquals(2048L, summary.getVolumeSizeMiB());
        assertEquals(List.of("Restored"), h.eventReasons(ns, "pg-restored"));
    }

    @Test
    void aSnapshotNameLongerThanALabelValueGivesAValidLabel() {
        // a schedule child: <schedule>-<volume id>-<slot>, 66 characters; issue 14 found its raw name in the label,
        // which a real API server refuses, so the restoration never started
        String ns = h.newNamespace();
        String child = "postgres-nightly-0b7c1e9a-4d2f-4e55-9d0e-5a1b2c3d4e5f-202611270300";
        readySnapshot(ns, child, 1);
        h.client().resource(restoration(ns, "from-child", child)).create();
        SnapshotRestoration ok = awaitState(ns, "from-child", SnapshotState.OK);
        String label = ok.getMetadata().getLabels().get(SnapshotRestoration.SNAPSHOT_LABEL);
        assertTrue(label.length() <= 63 && label.matches("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?"), label);
        assertTrue(child.length() > 63 && label.startsWith("postgres-nightly-0b7c1e9a"), label);
        assertEquals(1, restorations(ns).withLabel(SnapshotRestoration.SNAPSHOT_LABEL, KubernetesNames.labelValue(child))
                .list().getItems().size());
    }

    @Test
    void waitsWhileTheSnapshotIsNotReadyThenRestores() {
        String ns = h.newNamespace();
        String source = h.admin().createVolume("slow-src", 1);
        h.simulator().controls().setTransitionDelay("snapshot.create", Duration.ofMillis(1500));
        try {
            h.create(h.snapshotOf(ns, "slow", source));
            h.client().resource(restoration(ns, "r", "slow")).create();
            SnapshotRestoration waiting = await(ns, "r", x -> hasCondition(x, "Progressing", "True", "WaitingForSnapshot"));
            assertEquals(SnapshotState.CreationScheduled, waiting.getStatus().getState());
            assertTrue(condition(waiting, "Progressing").getMessage().contains(ns + "/slow"),
                    condition(waiting, "Progressing").getMessage());
        } finally {
            h.simulator().controls().setTransitionDelay("snapshot.create", Duration.ofMillis(50));
        }
        awaitState(ns, "r", SnapshotState.OK);
    }

    @Test
    void waitsForAMissingSnapshotUntilItAppears() {
        String ns = h.newNamespace();
        h.client().resource(restoration(ns, "early", "later")).create();
        SnapshotRestoration waiting = await(ns, "early", x -> hasCondition(x, "Progressing", "True", "WaitingForSnapshot"));
        assertTrue(condition(waiting, "Ready").getMessage().contains("OpenStackSnapshot " + ns + "/later does not exist"));

        readySnapshot(ns, "later", 1);
        assertNotNull(awaitState(ns, "early", SnapshotState.OK).getStatus().getVolumeID());
    }

    @Test
    void aSizeSmallerThanTheSnapshotIsInvalidConfigurationWithCindersMessage() {
        String ns = h.newNamespace();
        readySnapshot(ns, "big", 2);
        SnapshotRestoration r = restoration(ns, "small", "big");
        r.getSpec().getVolume().setSizeGiB(1);
        h.client().resource(r).create();

        SnapshotRestoration erred = awaitState(ns, "small", SnapshotState.Erred);
        assertCondition(erred, "Ready", "False", "InvalidConfiguration");
        assertTrue(erred.getStatus().getErrorMessage().contains("cannot be smaller than the snapshot size"),
                erred.getStatus().getErrorMessage());
        assertEquals(0, volumesOf(erred).size());
        h.waiting().until(() -> h.eventReasons(ns, "small").contains("Failed"));
    }

    @Test
    void aVolumeEndingInErrorIsErredBackendError() {
        String ns = h.newNamespace();
        readySnapshot(ns, "s", 1);
        h.simulator().controls().addFault(FaultRule.endInError("volume.create", 1));
        h.client().resource(restoration(ns, "broken", "s")).create();

        SnapshotRestoration erred = awaitState(ns, "broken", SnapshotState.Erred);
        assertEquals("error", erred.getStatus().getVolumeRuntimeState());
        assertCondition(erred, "Ready", "False", "BackendError");
        assertNotNull(erred.getStatus().getVolumeID());
        h.waiting().until(() -> h.eventReasons(ns, "broken").contains("Failed"));
    }

    @Test
    void quotaExceededIsErredWithCindersMessage() {
        String ns = h.newNamespace();
        readySnapshot(ns, "s", 1);
        int volumes = ((Number) h.simulator().controls().state().get("volumes")).intValue();
        h.simulator().controls().setQuotas(Map.of("volumes", volumes));
        try {
            h.client().resource(restoration(ns, "over", "s")).create();
            SnapshotRestoration erred = awaitState(ns, "over", SnapshotState.Erred);
            assertTrue(erred.getStatus().getErrorMessage().contains("VolumeLimitExceeded"),
                    erred.getStatus().getErrorMessage());
            assertCondition(erred, "Ready", "False", "BackendError");
            assertEquals(0, volumesOf(erred).size());
        } finally {
            h.simulator().controls().setQuotas(Map.of("volumes", 10_000));
        }
    }

    @Test
    void deletionWithRetainLeavesTheVolumeAndWithDeleteRemovesIt() {
        String ns = h.newNamespace();
        readySnapshot(ns, "s", 1);
        h.client().resource(restoration(ns, "kept", "s")).create();
        SnapshotRestoration delete = restoration(ns, "dropped", "s");
        delete.getSpec().setDeletionPolicy(DeletionPolicy.Delete);
        h.client().resource(delete).create();
        String kept = awaitState(ns, "kept", SnapshotState.OK).getStatus().getVolumeID();
        String dropped = awaitState(ns, "dropped", SnapshotState.OK).getStatus().getVolumeID();

        restorations(ns).withName("kept").delete();
        restorations(ns).withName("dropped").delete();
        h.waiting().until(() -> restorations(ns).withName("kept").get() == null
                && restorations(ns).withName("dropped").get() == null);

        assertEquals("available", h.cinder().volumes().get(kept).orElseThrow().status());
        assertTrue(h.cinder().volumes().get(dropped).isEmpty(), "deleted in Cinder before the finalizer went");
        assertTrue(h.eventReasons(ns, "dropped").contains("Deleted"));
        h.await(ns, "s", s -> s.getStatus().getRestorations().isEmpty());
    }

    @Test
    void deletingTheSnapshotWaitsForARestorationInProgressWhichKeepsItsVolume() {
        String ns = h.newNamespace();
        readySnapshot(ns, "s", 1);
        h.simulator().controls().setTransitionDelay("volume.create", Duration.ofMillis(2000));
        try {
            h.client().resource(restoration(ns, "r", "s")).create();
            awaitState(ns, "r", SnapshotState.Creating);
            h.delete(ns, "s");
            OpenStackSnapshot held = h.await(ns, "s", s -> s.getStatus().getConditions().stream()
                    .anyMatch(c -> "Progressing".equals(c.getType()) && "RestorationInProgress".equals(c.getReason())));
            assertNotNull(held.getMetadata().getDeletionTimestamp());
        } finally {
            h.simulator().controls().setTransitionDelay("volume.create", Duration.ofMillis(50));
        }
        h.awaitGone(ns, "s");
        SnapshotRestoration after = awaitState(ns, "r", SnapshotState.OK);
        assertEquals("available", h.cinder().volumes().get(after.getStatus().getVolumeID()).orElseThrow().status());
    }

    @Test
    void aCrashBetweenCinderCreateAndTheStatusWriteMakesNoSecondVolume() {
        String ns = h.newNamespace();
        readySnapshot(ns, "s", 1);
        h.client().resource(restoration(ns, "r", "s")).create();
        SnapshotRestoration restored = awaitState(ns, "r", SnapshotState.OK);
        String volumeId = restored.getStatus().getVolumeID();

        // The operator dies after Cinder answered but before the status write: Cinder has the tagged
        // volume, the object has no volumeID. A new operator must adopt it.
        h.stopOperator();
        restorations(ns).withName("r").editStatus(x -> {
            x.setStatus(null);
            return x;
        });
        h.startOperator();

        SnapshotRestoration adopted = await(ns, "r", x -> x.getStatus() != null
                && x.getStatus().getState() == SnapshotState.OK && x.getStatus().getVolumeID() != null);
        assertEquals(volumeId, adopted.getStatus().getVolumeID());
        assertEquals(1, volumesOf(adopted).size());
    }

    // ---- helpers

    private static void readySnapshot(String ns, String name, int sizeGiB) {
        String source = h.admin().createVolume(name + "-src", sizeGiB);
        h.create(h.snapshotOf(ns, name, source));
        h.awaitState(ns, name, SnapshotState.OK);
    }

    private static SnapshotRestoration restoration(String ns, String name, String snapshot) {
        return OperatorHarness.restorationOf(ns, name, snapshot, DeletionPolicy.Retain);
    }

    private static io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<SnapshotRestoration,
            io.fabric8.kubernetes.api.model.KubernetesResourceList<SnapshotRestoration>,
            io.fabric8.kubernetes.client.dsl.Resource<SnapshotRestoration>> restorations(String ns) {
        return h.client().resources(SnapshotRestoration.class).inNamespace(ns);
    }

    private static SnapshotRestoration await(String ns, String name, Predicate<SnapshotRestoration> condition) {
        h.waiting().until(() -> {
            SnapshotRestoration r = restorations(ns).withName(name).get();
            return r != null && condition.test(r);
        });
        return restorations(ns).withName(name).get();
    }

    private static SnapshotRestoration awaitState(String ns, String name, SnapshotState state) {
        return await(ns, name, r -> r.getStatus() != null && r.getStatus().getState() == state);
    }

    private static List<CinderVolume> volumesOf(SnapshotRestoration r) {
        List<CinderVolume> all = new ArrayList<>();
        String marker = null;
        do {
            Page<CinderVolume> page = h.cinder().volumes().list(marker, 100);
            all.addAll(page.items());
            marker = page.nextMarker();
        } while (marker != null);
        return all.stream().filter(v -> r.getMetadata().getUid().equals(v.metadata().get(OwnerTags.UID))).toList();
    }

    private static boolean hasCondition(SnapshotRestoration r, String type, String status, String reason) {
        return r.getStatus() != null && r.getStatus().getConditions().stream()
                .anyMatch(c -> type.equals(c.getType()) && status.equals(c.getStatus()) && reason.equals(c.getReason()));
    }

    private static Condition condition(SnapshotRestoration r, String type) {
        return r.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElseThrow();
    }

    private static void assertCondition(SnapshotRestoration r, String type, String status, String reason) {
        Condition c = condition(r, type);
        assertEquals(status, c.getStatus(), type + " status");
        assertEquals(reason, c.getReason(), type + " reason");
    }
}
