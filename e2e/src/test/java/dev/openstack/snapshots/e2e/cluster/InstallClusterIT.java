package dev.openstack.snapshots.e2e.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openstack.snapshots.e2e.OperatorUnderTest;
import dev.openstack.snapshots.operator.api.CloudCredentialsRef;
import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotSpec;
import dev.openstack.snapshots.operator.api.SnapshotState;
import dev.openstack.snapshots.operator.api.SourceVolume;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The operator installed as a user installs it (config/default, server-side apply, unchanged) on a real
 * kube-apiserver with RBAC, and run from its jar under its own ServiceAccount token: whatever config/rbac
 * forgets to grant fails here. Cinder is the simulator, which counts the creates.
 */
@ExtendWith(RealClusterCondition.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InstallClusterIT {

    private static final Duration PATIENCE = Duration.ofMinutes(2);

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
    void theManifestsApplyUnchangedAndTheDeploymentIsAccepted() {
        Deployment deployment = kubernetes.apps().deployments().inNamespace(RealCluster.OPERATOR_NAMESPACE)
                .withName("openstack-snapshot-operator").get();
        assertEquals(1, deployment.getSpec().getReplicas());
        // A second server-side apply of the same manifests is a no-op, as Argo CD's next sync must be.
        String before = kubernetes.apps().deployments().inNamespace(RealCluster.OPERATOR_NAMESPACE)
                .withName("openstack-snapshot-operator").get().getMetadata().getResourceVersion();
        cluster.installAgain();
        String after = kubernetes.apps().deployments().inNamespace(RealCluster.OPERATOR_NAMESPACE)
                .withName("openstack-snapshot-operator").get().getMetadata().getResourceVersion();
        assertEquals(before, after, "re-applying config/default changed the Deployment");
    }

    @Test
    void aSnapshotGoesThroughItsLifeUnderTheOperatorsOwnRbac() {
        String ns = "install-" + UUID.randomUUID().toString().substring(0, 6);
        operator.namespaceWithClouds(ns, cloud.cloudsYaml());
        String volume = cloud.createVolume(ns + "-data");

        OpenStackSnapshotSpec spec = new OpenStackSnapshotSpec();
        spec.setCloudCredentialsRef(new CloudCredentialsRef(OperatorUnderTest.SECRET, SimulatedCloud.CLOUD));
        spec.setSourceVolume(SourceVolume.byId(volume));
        OpenStackSnapshot snapshot = new OpenStackSnapshot();
        snapshot.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName("first").build());
        snapshot.setSpec(spec);
        kubernetes.resource(snapshot).create();

        var resource = kubernetes.resources(OpenStackSnapshot.class).inNamespace(ns).withName("first");
        await("first OK (operator log " + operator.process().log() + ")").atMost(PATIENCE)
                .until(() -> resource.get().getStatus() != null && resource.get().getStatus().getState() == SnapshotState.OK);
        assertEquals(1, cloud.simulator().controls().count("snapshot.create"));

        resource.delete();
        await("first gone").atMost(PATIENCE).until(() -> resource.get() == null);
        assertTrue(cloud.simulator().controls().count("snapshot.delete") >= 1, "the Cinder snapshot was deleted");
    }
}
