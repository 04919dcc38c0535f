package dev.openstack.snapshots.operator.restoration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openstack.snapshots.operator.api.DeletionPolicy;
import dev.openstack.snapshots.operator.api.RestoredClaimSpec;
import dev.openstack.snapshots.operator.api.SnapshotRestoration;
import dev.openstack.snapshots.operator.api.SnapshotState;
import dev.openstack.snapshots.operator.cinder.CinderVolume;
import dev.openstack.snapshots.operator.cinder.OwnerTags;
import dev.openstack.snapshots.operator.cinder.Page;
import dev.openstack.snapshots.operator.testing.OperatorHarness;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimStatusBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * spec.persistentVolumeClaim on the mock Kubernetes API + the Cinder simulator: the objects made, every error path,
 * and deletion. The mock has no PV controller: a test binds the claim itself (status.phase Bound), as
 * kube-controller-manager would; RestoreToPvcClusterIT (e2e) shows the real one doing it.
 */
class RestoreToClaimIT {

    static final OperatorHarness h = OperatorHarness.start();

    @AfterAll
    static void stop() {
        h.close();
    }

    @Test
    void makesAPreBoundPvAndClaimAndIsReadyOnlyOnceTheClaimIsBound() {
        String ns = h.newNamespace();
        readySnapshot(ns, "pg-snap", 1);
        SnapshotRestoration r = claimRestoration(ns, "pg-restore", "pg-snap", "pg-data", DeletionPolicy.Retain);
        r.getSpec().getPersistentVolumeClaim().setSizeGiB(2);
        r.getSpec().getPersistentVolumeClaim().setFsType("ext4");
        r.getSpec().getPersistentVolumeClaim().setLabels(Map.of("app", "pg"));
        h.client().resource(r).create();

        SnapshotRestoration waiting = await(ns, "pg-restore", x -> hasCondition(x, "Ready", "False", "WaitingForBinding"));
        assertEquals(SnapshotState.Creating, waiting.getStatus().getState());
        assertCondition(waiting, "Progressing", "True", "WaitingForBinding");
        assertEquals("Pending", waiting.getStatus().getClaimPhase());
        assertEquals("pg-data", waiting.getStatus().getPersistentVolumeClaimName());
        String volumeId = waiting.getStatus().getVolumeID();
        CinderVolume volume = h.cinder().volumes().get(volumeId).orElseThrow();
        assertEquals(2, volume.sizeGiB());
        assertEquals("pv-" + volumeId, waiting.getStatus().getPersistentVolumeName());

        PersistentVolume pv = h.client().persistentVolumes().withName("pv-" + volumeId).get();
        assertEquals("cinder.csi.openstack.org", pv.getSpec().getCsi().getDriver());
        assertEquals(volumeId, pv.getSpec().getCsi().getVolumeHandle());
        assertEquals("ext4", pv.getSpec().getCsi().getFsType());
        assertEquals("2Gi", pv.getSpec().getCapacity().get("storage").toString());
        assertEquals("Retain", pv.getSpec().getPersistentVolumeReclaimPolicy());
        assertEquals("pg-data", pv.getSpec().getClaimRef().getName());
        assertEquals(ns, pv.getSpec().getClaimRef().getNamespace());
        assertEquals(List.of(volume.availabilityZone()), pv.getSpec().getNodeAffinity().getRequired()
                .getNodeSelectorTerms().get(0).getMatchExpressions().get(0).getValues());
        assertEquals(waiting.getMetadata().getUid(), pv.getMetadata().getLabels().get(ClaimLabels.UID));
        PersistentVolumeClaim pvc = claim(ns, "pg-data").get();
        assertEquals("pv-" + volumeId, pvc.getSpec().getVolumeName());
        assertEquals("pg", pvc.getMetadata().getLabels().get("app"));
        assertEquals(waiting.getMetadata().getUid(), pvc.getMetadata().getLabels().get(ClaimLabels.UID));
        assertFalse(h.eventReasons(ns, "pg-restore").contains("Restored"), "not Ready before Bound");

        bind(ns, "pg-data");
        SnapshotRestoration ok = awaitState(ns, "pg-restore", SnapshotState.OK);
        assertEquals("Bound", ok.getStatus().getClaimPhase());
        assertCondition(ok, "Ready", "True", "Success");
        assertTrue(condition(ok, "Ready").getMessage().contains("PersistentVolumeClaim " + ns + "/pg-data"));
        h.waiting().until(() -> h.eventReasons(ns, "pg-restore").contains("Restored"));
        assertEquals(1, h.client().persistentVolumes().withLabel(ClaimLabels.UID, ok.getMetadata().getUid()).list()
                .getItems().size(), "adopted on every pass, never made twice");
    }

    /**
     * A restoration's name may have 253 characters, a label value 63: the owner labels carry the name cut with a hash,
     * and the claim's binding still reaches the restoration (found by the uid label, not the name label).
     */
    @Test
    void aRestorationNameLongerThanALabelValueStillSeesItsClaimBound() {
        String ns = h.newNamespace();
        readySnapshot(ns, "long-snap", 1);
        String name = "restore-of-the-orders-database-before-the-upgrade-to-version-15-" + "x".repeat(60);
        h.client().resource(claimRestoration(ns, name, "long-snap", "long-data", DeletionPolicy.Delete)).create();

        SnapshotRestoration waiting = await(ns, name, x -> hasCondition(x, "Ready", "False", "WaitingForBinding"));
        PersistentVolumeClaim pvc = claim(ns, "long-data").get();
        assertEquals(waiting.getMetadata().getUid(), pvc.getMetadata().getLabels().get(ClaimLabels.UID));
        assertTrue(pvc.getMetadata().getLabels().get(ClaimLabels.NAME).length() <= 63,
                pvc.getMetadata().getLabels().get(ClaimLabels.NAME));

        bind(ns, "long-data");
        assertEquals("Bound", awaitState(ns, name, SnapshotState.OK).getStatus().getClaimPhase());
    }

    @Test
    void theSecretsCsiDriverKeyNamesTheDriverAndAStorageClassOfThatDriverIsAccepted() {
        String ns = h.newNamespace();
        h.client().secrets().inNamespace(ns).withName(OperatorHarness.SECRET).edit(s -> {
            s.getData().put(CsiDriverSetting.SECRET_KEY, Base64.getEncoder().encodeToString("csi.example.com".getBytes()));
            return s;
        });
        storageClass("example-" + ns, "csi.example.com");
        readySnapshot(ns, "s", 1);
        SnapshotRestoration r = claimRestoration(ns, "r", "s", "data", DeletionPolicy.Retain);
        r.getSpec().getPersistentVolumeClaim().setStorageClassName("example-" + ns);
        h.client().resource(r).create();

        SnapshotRestoration waiting = await(ns, "r", x -> hasCondition(x, "Ready", "False", "WaitingForBinding"));
        PersistentVolume pv = h.client().persistentVolumes().withName(waiting.getStatus().getPersistentVolumeName()).get();
        assertEquals("csi.example.com", pv.getSpec().getCsi().getDriver());
        assertEquals("topology.csi.example.com/zone", pv.getSpec().getNodeAffinity().getRequired()
                .getNodeSelectorTerms().get(0).getMatchExpressions().get(0).getKey());
        assertEquals("example-" + ns, pv.getSpec().getStorageClassName());
        assertEquals("example-" + ns, claim(ns, "data").get().getSpec().getStorageClassName());
    }

    @Test
    void aClaimThatExistsAndIsNotOursIsInvalidConfigurationAndNeverTouched() {
        String ns = h.newNamespace();
        PersistentVolumeClaim theirs = h.client().resource(new PersistentVolumeClaimBuilder().withNewMetadata()
                .withName("taken").withNamespace(ns).addToLabels("owner", "someone").endMetadata().withNewSpec()
                .withAccessModes("ReadWriteOnce").withNewResources().addToRequests("storage",
                        new io.fabric8.kubernetes.api.model.Quantity("1Gi")).endResources().endSpec().build()).create();
        readySnapshot(ns, "s", 1);
        h.client().resource(claimRestoration(ns, "r", "s", "taken", DeletionPolicy.Delete)).create();

        SnapshotRestoration erred = awaitState(ns, "r", SnapshotState.Erred);
        assertCondition(erred, "Ready", "False", "InvalidConfiguration");
        assertTrue(erred.getStatus().getErrorMessage().contains("PersistentVolumeClaim " + ns
                + "/taken already exists and was not created by this restoration"), erred.getStatus().getErrorMessage());
        assertEquals(0, volumesOf(erred).size(), "no Cinder volume for a claim that cannot be made");
        h.waiting().until(() -> h.eventReasons(ns, "r").contains("Failed"));

        restorations(ns).withName("r").delete();
        h.waiting().until(() -> restorations(ns).withName("r").get() == null);
        PersistentVolumeClaim after = claim(ns, "taken").get();
        assertEquals(theirs.getMetadata().getResourceVersion(), after.getMetadata().getResourceVersion(),
                "untouched, even by a deletionPolicy Delete restoration going away");
    }

    @Test
    void aStorageClassOfAnotherProvisionerIsInvalidConfiguration() {
        String ns = h.newNamespace();
        storageClass("nfs-" + ns, "nfs.csi.k8s.io");
        readySnapshot(ns, "s", 1);
        SnapshotRestoration r = claimRestoration(ns, "r", "s", "data", DeletionPolicy.Retain);
        r.getSpec().getPersistentVolumeClaim().setStorageClassName("nfs-" + ns);
        h.client().resource(r).create();

        SnapshotRestoration erred = awaitState(ns, "r", SnapshotState.Erred);
        assertCondition(erred, "Ready", "False", "InvalidConfiguration");
        assertTrue(erred.getStatus().getErrorMessage().contains("StorageClass nfs-" + ns
                + " has provisioner nfs.csi.k8s.io, not the cloud's CSI driver cinder.csi.openstack.org"),
                erred.getStatus().getErrorMessage());
        assertEquals(0, volumesOf(erred).size());
        assertNull(claim(ns, "data").get());
    }

    @Test
    void aSizeSmallerThanTheSnapshotIsInvalidConfigurationAndMakesNoClaim() {
        String ns = h.newNamespace();
        readySnapshot(ns, "big", 2);
        SnapshotRestoration r = claimRestoration(ns, "small", "big", "data", DeletionPolicy.Retain);
        r.getSpec().getPersistentVolumeClaim().setSizeGiB(1);
        h.client().resource(r).create();

        SnapshotRestoration erred = awaitState(ns, "small", SnapshotState.Erred);
        assertCondition(erred, "Ready", "False", "InvalidConfiguration");
        assertTrue(erred.getStatus().getErrorMessage().contains("cannot be smaller than the snapshot size"),
                erred.getStatus().getErrorMessage());
        assertNull(claim(ns, "data").get());
        assertEquals(0, ours(erred).size());
    }

    @Test
    void quotaExceededOnTheVolumeIsBackendErrorAndMakesNoClaim() {
        String ns = h.newNamespace();
        readySnapshot(ns, "s", 1);
        int volumes = ((Number) h.simulator().controls().state().get("volumes")).intValue();
        h.simulator().controls().setQuotas(Map.of("volumes", volumes));
        try {
            h.client().resource(claimRestoration(ns, "over", "s", "data", DeletionPolicy.Retain)).create();
            SnapshotRestoration erred = awaitState(ns, "over", SnapshotState.Erred);
            assertCondition(erred, "Ready", "False", "BackendError");
            assertTrue(erred.getStatus().getErrorMessage().contains("VolumeLimitExceeded"),
                    erred.getStatus().getErrorMessage());
            assertNull(claim(ns, "data").get());
        } finally {
            h.simulator().controls().setQuotas(Map.of("volumes", 10_000));
        }
    }

    @Test
    void retainHandsClaimPvAndVolumeToTheUserUnlabelled() {
        String ns = h.newNamespace();
        readySnapshot(ns, "s", 1);
        SnapshotRestoration r = claimRestoration(ns, "r", "s", "data", DeletionPolicy.Delete);
        h.client().resource(r).create();
        await(ns, "r", x -> hasCondition(x, "Ready", "False", "WaitingForBinding"));
        bind(ns, "data");
        // deletionPolicy may change after creation: the PV's reclaim policy follows, and Retain wins at deletion.
        String pvName = awaitState(ns, "r", SnapshotState.OK).getStatus().getPersistentVolumeName();
        assertEquals("Delete", h.client().persistentVolumes().withName(pvName).get().getSpec().getPersistentVolumeReclaimPolicy());
        restorations(ns).withName("r").edit(x -> {
            x.getSpec().setDeletionPolicy(DeletionPolicy.Retain);
            return x;
        });
        h.waiting().until(() -> "Retain".equals(h.client().persistentVolumes().withName(pvName).get().getSpec()
                .getPersistentVolumeReclaimPolicy()));
        String volumeId = restorations(ns).withName("r").get().getStatus().getVolumeID();

        restorations(ns).withName("r").delete();
        h.waiting().until(() -> restorations(ns).withName("r").get() == null);
        PersistentVolumeClaim pvc = claim(ns, "data").get();
        PersistentVolume pv = h.client().persistentVolumes().withName(pvName).get();
        assertNotNull(pvc);
        assertNotNull(pv);
        ClaimLabels.ALL.forEach(label -> {
            assertFalse(pvc.getMetadata().getLabels().containsKey(label), label);
            assertFalse(pv.getMetadata().getLabels().containsKey(label), label);
        });
        assertEquals("Retain", pv.getSpec().getPersistentVolumeReclaimPolicy());
        assertEquals("Bound", pvc.getStatus().getPhase());
        assertTrue(h.cinder().volumes().get(volumeId).isPresent());
    }

    @Test
    void deleteRemovesClaimThenPvThenVolumeAndWaitsWhilePvcProtectionHoldsTheClaim() {
        String ns = h.newNamespace();
        readySnapshot(ns, "s", 1);
        h.client().resource(claimRestoration(ns, "r", "s", "data", DeletionPolicy.Delete)).create();
        await(ns, "r", x -> hasCondition(x, "Ready", "False", "WaitingForBinding"));
        bind(ns, "data");
        SnapshotRestoration ok = awaitState(ns, "r", SnapshotState.OK);
        String volumeId = ok.getStatus().getVolumeID();
        String pvName = ok.getStatus().getPersistentVolumeName();
        // What kube-apiserver's admission adds and kube-controller-manager removes once no pod uses the claim.
        claim(ns, "data").edit(c -> {
            c.getMetadata().setFinalizers(new ArrayList<>(List.of(ClaimCleanup.PVC_PROTECTION)));
            return c;
        });

        restorations(ns).withName("r").delete();
        SnapshotRestoration deleting = await(ns, "r", x -> x.getStatus().getState() == SnapshotState.Deleting);
        assertTrue(condition(deleting, "Progressing").getMessage().contains(ClaimCleanup.PVC_PROTECTION),
                condition(deleting, "Progressing").getMessage());
        h.waiting().until(() -> claim(ns, "data").get().getMetadata().getDeletionTimestamp() != null);
        assertNotNull(h.client().persistentVolumes().withName(pvName).get(), "the PV waits for the claim");
        assertTrue(h.cinder().volumes().get(volumeId).isPresent(), "the volume waits for the PV");

        claim(ns, "data").edit(c -> {
            c.getMetadata().setFinalizers(List.of());
            return c;
        });
        h.waiting().until(() -> restorations(ns).withName("r").get() == null);
        assertNull(claim(ns, "data").get());
        assertNull(h.client().persistentVolumes().withName(pvName).get());
        assertTrue(h.cinder().volumes().get(volumeId).isEmpty());
    }

    // ---- helpers

    static SnapshotRestoration claimRestoration(String ns, String name, String snapshot, String claimName,
            DeletionPolicy policy) {
        SnapshotRestoration r = OperatorHarness.restorationOf(ns, name, snapshot, policy);
        r.getSpec().setVolume(null);
        RestoredClaimSpec claim = new RestoredClaimSpec();
        claim.setName(claimName);
        r.getSpec().setPersistentVolumeClaim(claim);
        return r;
    }

    /** What the PV controller does once PV and claim match. */
    private static void bind(String ns, String claimName) {
        claim(ns, claimName).editStatus(c -> {
            c.setStatus(new PersistentVolumeClaimStatusBuilder().withPhase("Bound").build());
            return c;
        });
    }

    private static void storageClass(String name, String provisioner) {
        h.client().resource(new StorageClassBuilder().withNewMetadata().withName(name).endMetadata()
                .withProvisioner(provisioner).build()).create();
    }

    private static Resource<PersistentVolumeClaim> claim(String ns, String name) {
        return h.client().persistentVolumeClaims().inNamespace(ns).withName(name);
    }

    private static List<PersistentVolume> ours(SnapshotRestoration r) {
        return h.client().persistentVolumes().withLabel(ClaimLabels.UID, r.getMetadata().getUid()).list().getItems();
    }

    private static void readySnapshot(String ns, String name, int sizeGiB) {
        String source = h.admin().createVolume(name + "-src", sizeGiB);
        h.create(h.snapshotOf(ns, name, source));
        h.awaitState(ns, name, SnapshotState.OK);
    }

    private static io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<SnapshotRestoration,
            io.fabric8.kubernetes.api.model.KubernetesResourceList<SnapshotRestoration>,
            Resource<SnapshotRestoration>> restorations(String ns) {
        return h.client().resources(SnapshotRestoration.class).inNamespace(ns);
    }

    private static SnapshotRestoration await(String ns, String name, Predicate<SnapshotRestoration> condition) {
        h.waiting().until(() -> {
            SnapshotRestoration r = restorations(ns).withName(name).get();
            return r != null && r.getStatus() != null && condition.test(r);
        });
        return restorations(ns).withName(name).get();
    }

    private static SnapshotRestoration awaitState(String ns, String name, SnapshotState state) {
        return await(ns, name, r -> r.getStatus().getState() == state);
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
        return r.getStatus().getConditions().stream()
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
