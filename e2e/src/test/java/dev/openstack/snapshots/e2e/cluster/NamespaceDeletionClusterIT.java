package dev.openstack.snapshots.e2e.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openstack.snapshots.e2e.OperatorUnderTest;
import dev.openstack.snapshots.operator.api.CloudCredentialsRef;
import dev.openstack.snapshots.operator.api.DeletionPolicy;
import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotSchedule;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotScheduleSpec;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotSpec;
import dev.openstack.snapshots.operator.api.RestoredVolumeSpec;
import dev.openstack.snapshots.operator.api.Retention;
import dev.openstack.snapshots.operator.api.SnapshotReference;
import dev.openstack.snapshots.operator.api.SnapshotRestoration;
import dev.openstack.snapshots.operator.api.SnapshotRestorationSpec;
import dev.openstack.snapshots.operator.api.SnapshotState;
import dev.openstack.snapshots.operator.api.SnapshotTemplate;
import dev.openstack.snapshots.operator.api.SourceVolume;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Deleting a namespace on a real control plane: kube-controller-manager's namespace controller deletes the
 * objects and the clouds.yaml Secret in its own order. The Secret's finalizer blockstorage.openstack.dev/in-use
 * keeps the credentials until the operator has cleaned Cinder per deletionPolicy, and then the namespace goes. The
 * namespace holds snapshots (Delete and Retain), a restoration (Delete) and a schedule with a child (Delete).
 * Skipped without E2E_KUBECONFIG; Cinder is the simulator, so what is left there is counted.
 */
@ExtendWith(RealClusterCondition.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NamespaceDeletionClusterIT {

    private static final Duration PATIENCE = Duration.ofMinutes(2);
    private static final String IN_USE = "blockstorage.openstack.dev/in-use";

    private SimulatedCloud cloud;
    private OperatorOnRealCluster operator;
    private KubernetesClient kubernetes;

    @BeforeAll
    void install() {
        cloud = new SimulatedCloud();
        operator = OperatorOnRealCluster.start(RealCluster.fromEnvironment().orElseThrow());
        kubernetes = operator.kubernetes();
    }

    @AfterAll
    void uninstall() {
        try {
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
    void deletingTheNamespaceCleansCinderPerDeletionPolicyAndCompletes() {
        String ns = "nsdel-" + UUID.randomUUID().toString().substring(0, 6);
        operator.namespaceWithClouds(ns, cloud.cloudsYaml());
        String volume = cloud.createVolume(ns + "-data");
        create(snapshot(ns, "deleted", volume, DeletionPolicy.Delete));
        create(snapshot(ns, "retained", volume, DeletionPolicy.Retain));
        awaitOk(ns, "deleted");
        awaitOk(ns, "retained");
        SnapshotRestoration restoration = new SnapshotRestoration();
        restoration.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName("restored").build());
        SnapshotRestorationSpec spec = new SnapshotRestorationSpec();
        spec.setSnapshotRef(new SnapshotReference("deleted"));
        spec.setVolume(new RestoredVolumeSpec());
        spec.setDeletionPolicy(DeletionPolicy.Delete);
        restoration.setSpec(spec);
        kubernetes.resource(restoration).create();
        var restored = kubernetes.resources(SnapshotRestoration.class).inNamespace(ns).withName("restored");
        await("restored OK (operator log " + operator.process().log() + ")").atMost(PATIENCE)
                .until(() -> restored.get().getStatus() != null && restored.get().getStatus().getState() == SnapshotState.OK);
        kubernetes.resource(everyMinute(ns, volume)).create();
        await("a child of the schedule OK (operator log " + operator.process().log() + ")").atMost(PATIENCE)
                .until(() -> kubernetes.resources(OpenStackSnapshot.class).inNamespace(ns)
                        .withLabel(OpenStackSnapshotSchedule.SCHEDULE_LABEL, "minutely").list().getItems().stream()
                        .anyMatch(c -> c.getStatus() != null && c.getStatus().getState() == SnapshotState.OK));
        var secret = kubernetes.secrets().inNamespace(ns).withName(OperatorUnderTest.SECRET);
        await("the Secret is held").atMost(PATIENCE).until(() -> secret.get().getMetadata().getFinalizers().contains(IN_USE));
        assertTrue(count("snapshots") >= 3, "two snapshots and at least one child in Cinder");
        assertEquals(2, count("volumes"));

        kubernetes.namespaces().withName(ns).delete();

        await("namespace " + ns + " gone (operator log " + operator.process().log() + ")").atMost(PATIENCE)
                .until(() -> kubernetes.namespaces().withName(ns).get() == null);
        assertEquals(1, count("snapshots"), "only the Retain snapshot is left in Cinder (the schedule's children went)");
        assertEquals(1, count("volumes"), "the source volume only: the restored one (Delete) is gone");
        assertTrue(cloud.simulator().controls().count("snapshot.delete") >= 1);
    }

    private int count(String what) {
        return (Integer) cloud.simulator().controls().state().get(what);
    }

    private void create(OpenStackSnapshot snapshot) {
        kubernetes.resource(snapshot).create();
    }

    private void awaitOk(String ns, String name) {
        var resource = kubernetes.resources(OpenStackSnapshot.class).inNamespace(ns).withName(name);
        await(name + " OK (operator log " + operator.process().log() + ")").atMost(PATIENCE)
                .until(() -> resource.get().getStatus() != null && resource.get().getStatus().getState() == SnapshotState.OK);
    }

    /** A schedule whose children (deletionPolicy Delete) come every minute, so one exists when the namespace goes. */
    private static OpenStackSnapshotSchedule everyMinute(String ns, String volume) {
        OpenStackSnapshotScheduleSpec spec = new OpenStackSnapshotScheduleSpec();
        spec.setCloudCredentialsRef(new CloudCredentialsRef(OperatorUnderTest.SECRET, SimulatedCloud.CLOUD));
        spec.setSourceVolume(SourceVolume.byId(volume));
        spec.setSchedule("* * * * *");
        spec.setRetention(new Retention("1h", 3));
        SnapshotTemplate template = new SnapshotTemplate();
        template.setDeletionPolicy(DeletionPolicy.Delete);
        spec.setSnapshotTemplate(template);
        OpenStackSnapshotSchedule schedule = new OpenStackSnapshotSchedule();
        schedule.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName("minutely").build());
        schedule.setSpec(spec);
        return schedule;
    }

    private static OpenStackSnapshot snapshot(String ns, String name, String volume, DeletionPolicy policy) {
        OpenStackSnapshotSpec spec = new OpenStackSnapshotSpec();
        spec.setCloudCredentialsRef(new CloudCredentialsRef(OperatorUnderTest.SECRET, SimulatedCloud.CLOUD));
        spec.setSourceVolume(SourceVolume.byId(volume));
        spec.setDeletionPolicy(policy);
        OpenStackSnapshot snapshot = new OpenStackSnapshot();
        snapshot.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName(name).build());
        snapshot.setSpec(spec);
        return snapshot;
    }
}
