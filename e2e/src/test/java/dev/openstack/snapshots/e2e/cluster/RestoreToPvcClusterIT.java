package dev.openstack.snapshots.e2e.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openstack.snapshots.e2e.OperatorUnderTest;
import dev.openstack.snapshots.operator.api.CloudCredentialsRef;
import dev.openstack.snapshots.operator.api.DeletionPolicy;
import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotSpec;
import dev.openstack.snapshots.operator.api.RestoredClaimSpec;
import dev.openstack.snapshots.operator.api.SnapshotReference;
import dev.openstack.snapshots.operator.api.SnapshotRestoration;
import dev.openstack.snapshots.operator.api.SnapshotRestorationSpec;
import dev.openstack.snapshots.operator.api.SnapshotState;
import dev.openstack.snapshots.operator.api.SourceVolume;
import dev.openstack.snapshots.operator.testing.admin.CinderAdmin;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * spec.persistentVolumeClaim on the real control plane: the operator (installed from config/default, under its own
 * ServiceAccount) makes the PV and the claim, and kube-controller-manager's PV controller - not the operator, not the
 * test - binds them. Deletion: Retain leaves both bound; Delete waits while kubernetes.io/pvc-protection holds the
 * claim for a pod, then removes claim, PV and volume. Cinder is the simulator.
 */
@ExtendWith(RealClusterCondition.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestoreToPvcClusterIT {

    private static final Duration PATIENCE = Duration.ofMinutes(2);
    private static final String NODE = "restore-to-pvc-node";

    private RealCluster cluster;
    private SimulatedCloud cloud;
    private OperatorOnRealCluster operator;
    private KubernetesClient kubernetes;

    @BeforeAll
    void install() {
        cluster = RealCluster.fromEnvironment().orElseThrow();
        cloud = new SimulatedCloud();
        operator = OperatorOnRealCluster.start(cluster);
        kubernetes = operator.kubernetes();
    }

    @AfterAll
    void uninstall() {
        try {
            if (kubernetes != null) {
                kubernetes.nodes().withName(NODE).delete();
            }
            if (operator != null) {
                operator.close();
            }
        } finally {
            if (cloud != null) {
                cloud.close();
            }
        }
    }

    @Test
    void thePvControllerBindsTheClaimAndRetainLeavesBothBound() {
        String ns = namespaceWithReadySnapshot("pvc-retain");
        kubernetes.resource(claimRestoration(ns, "restore", "data", DeletionPolicy.Retain)).create();

        SnapshotRestoration ok = awaitRestoration(ns, "restore", r -> r.getStatus().getState() == SnapshotState.OK);
        assertEquals("Bound", ok.getStatus().getClaimPhase());
        PersistentVolumeClaim pvc = claim(ns, "data").get();
        PersistentVolume pv = kubernetes.persistentVolumes().withName(ok.getStatus().getPersistentVolumeName()).get();
        assertEquals("Bound", pvc.getStatus().getPhase());
        assertEquals("Bound", pv.getStatus().getPhase());
        // The operator wrote the claimRef without uid; only the PV controller can have filled it in.
        assertEquals(pvc.getMetadata().getUid(), pv.getSpec().getClaimRef().getUid());
        assertEquals("yes", pvc.getMetadata().getAnnotations().get("pv.kubernetes.io/bind-completed"));
        assertEquals(ok.getStatus().getVolumeID(), pv.getSpec().getCsi().getVolumeHandle());

        kubernetes.resources(SnapshotRestoration.class).inNamespace(ns).withName("restore").delete();
        await("restoration gone").atMost(PATIENCE)
                .until(() -> kubernetes.resources(SnapshotRestoration.class).inNamespace(ns).withName("restore").get() == null);
        PersistentVolumeClaim keptClaim = claim(ns, "data").get();
        PersistentVolume keptPv = kubernetes.persistentVolumes().withName(pv.getMetadata().getName()).get();
        assertEquals("Bound", keptClaim.getStatus().getPhase());
        assertEquals("Bound", keptPv.getStatus().getPhase());
        assertEquals("Retain", keptPv.getSpec().getPersistentVolumeReclaimPolicy());
        assertFalse(keptPv.getMetadata().getLabels() != null
                && keptPv.getMetadata().getLabels().containsKey("blockstorage.openstack.dev/restoration-uid"));
        assertFalse(keptClaim.getMetadata().getLabels().containsKey("blockstorage.openstack.dev/restoration-uid"));
        assertTrue(volumeExists(ok.getStatus().getVolumeID()), "the volume is the user's now");

        // The user's to clean up: so does the test.
        claim(ns, "data").delete();
        kubernetes.persistentVolumes().withName(pv.getMetadata().getName()).delete();
    }

    @Test
    void deleteWaitsForThePodThenRemovesClaimPvAndVolume() {
        String ns = namespaceWithReadySnapshot("pvc-delete");
        kubernetes.resource(claimRestoration(ns, "restore", "data", DeletionPolicy.Delete)).create();
        SnapshotRestoration ok = awaitRestoration(ns, "restore", r -> r.getStatus().getState() == SnapshotState.OK);
        String pvName = ok.getStatus().getPersistentVolumeName();
        String volumeId = ok.getStatus().getVolumeID();
        assertEquals("Delete", kubernetes.persistentVolumes().withName(pvName).get().getSpec().getPersistentVolumeReclaimPolicy());

        // A scheduled pod using the claim: pvc-protection counts only pods with a nodeName. No kubelet runs it.
        if (kubernetes.nodes().withName(NODE).get() == null) {
            kubernetes.resource(new NodeBuilder().withNewMetadata().withName(NODE).endMetadata().build()).create();
        }
        kubernetes.resource(new PodBuilder().withNewMetadata().withName("app").withNamespace(ns).endMetadata()
                .withNewSpec().withNodeName(NODE).addNewContainer().withName("app").withImage("busybox").endContainer()
                .addNewVolume().withName("data").withNewPersistentVolumeClaim().withClaimName("data").endPersistentVolumeClaim()
                .endVolume().endSpec().build()).create();

        kubernetes.resources(SnapshotRestoration.class).inNamespace(ns).withName("restore").delete();
        SnapshotRestoration deleting = awaitRestoration(ns, "restore", r -> r.getStatus().getState() == SnapshotState.Deleting
                && r.getStatus().getConditions().stream().anyMatch(c -> c.getMessage().contains("kubernetes.io/pvc-protection")));
        assertNotNull(deleting);
        PersistentVolumeClaim held = claim(ns, "data").get();
        assertNotNull(held.getMetadata().getDeletionTimestamp());
        assertTrue(held.getMetadata().getFinalizers().contains("kubernetes.io/pvc-protection"));
        // Held for a few seconds more: still there, and the PV and volume untouched.
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> claim(ns, "data").get() != null);
        assertNotNull(kubernetes.persistentVolumes().withName(pvName).get());
        assertTrue(volumeExists(volumeId));

        kubernetes.pods().inNamespace(ns).withName("app").withGracePeriod(0).delete();
        await("restoration gone (operator log " + operator.process().log() + ")").atMost(PATIENCE)
                .until(() -> kubernetes.resources(SnapshotRestoration.class).inNamespace(ns).withName("restore").get() == null);
        assertNull(claim(ns, "data").get());
        assertNull(kubernetes.persistentVolumes().withName(pvName).get());
        assertFalse(volumeExists(volumeId));
    }

    // ---- helpers

    private String namespaceWithReadySnapshot(String prefix) {
        String ns = prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
        operator.namespaceWithClouds(ns, cloud.cloudsYaml());
        OpenStackSnapshotSpec spec = new OpenStackSnapshotSpec();
        spec.setCloudCredentialsRef(new CloudCredentialsRef(OperatorUnderTest.SECRET, SimulatedCloud.CLOUD));
        spec.setSourceVolume(SourceVolume.byId(cloud.createVolume(ns + "-data")));
        OpenStackSnapshot snapshot = new OpenStackSnapshot();
        snapshot.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName("backup").build());
        snapshot.setSpec(spec);
        kubernetes.resource(snapshot).create();
        var resource = kubernetes.resources(OpenStackSnapshot.class).inNamespace(ns).withName("backup");
        await("snapshot OK").atMost(PATIENCE).until(() -> resource.get().getStatus() != null
                && resource.get().getStatus().getState() == SnapshotState.OK);
        return ns;
    }

    private static SnapshotRestoration claimRestoration(String ns, String name, String claimName, DeletionPolicy policy) {
        SnapshotRestorationSpec spec = new SnapshotRestorationSpec();
        spec.setSnapshotRef(new SnapshotReference("backup"));
        spec.setDeletionPolicy(policy);
        RestoredClaimSpec claim = new RestoredClaimSpec();
        claim.setName(claimName);
        claim.setFsType("ext4");
        spec.setPersistentVolumeClaim(claim);
        SnapshotRestoration r = new SnapshotRestoration();
        r.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName(name).build());
        r.setSpec(spec);
        return r;
    }

    private SnapshotRestoration awaitRestoration(String ns, String name,
            java.util.function.Predicate<SnapshotRestoration> condition) {
        var resource = kubernetes.resources(SnapshotRestoration.class).inNamespace(ns).withName(name);
        await(ns + "/" + name + " (operator log " + operator.process().log() + ")").atMost(PATIENCE)
                .until(() -> resource.get() != null && resource.get().getStatus() != null && condition.test(resource.get()));
        return resource.get();
    }

    private Resource<PersistentVolumeClaim> claim(String ns, String name) {
        return kubernetes.persistentVolumeClaims().inNamespace(ns).withName(name);
    }

    private boolean volumeExists(String volumeId) {
        return CinderAdmin.of(cloud.simulator()).volumeExists(volumeId);
    }
}
