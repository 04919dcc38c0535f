package dev.openstack.snapshots.e2e.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.openstack.snapshots.e2e.TestNamespaces;
import dev.openstack.snapshots.operator.api.CloudCredentialsRef;
import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotSpec;
import dev.openstack.snapshots.operator.api.SnapshotState;
import dev.openstack.snapshots.operator.api.SourceVolume;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scale past one process with Kubernetes as the engine: two operator processes on one real control plane, each a shard
 * with its own namespace set (WATCH_NAMESPACES) and its own Lease, both leaders at once. Every object is reconciled by
 * the shard that owns its namespace and by no other: each process created exactly its own namespace's Cinder
 * snapshots and never logged a line about the other's objects.
 */
@ExtendWith(RealClusterCondition.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShardingClusterIT {

    private static final Duration PATIENCE = Duration.ofMinutes(2);
    private static final String CREATED = "created Cinder snapshot";
    private static final int PER_SHARD = 6;

    private RealCluster cluster;
    private SimulatedCloud cloud;
    private KubernetesClient admin;
    private OperatorProcess shardA;
    private OperatorProcess shardB;
    private String namespaceA;
    private String namespaceB;
    private String volume;

    @BeforeAll
    void start() {
        cluster = RealCluster.fromEnvironment().orElseThrow().installOperator();
        admin = cluster.admin();
        cloud = new SimulatedCloud();
        String run = UUID.randomUUID().toString().substring(0, 6);
        namespaceA = "shard-a-" + run;
        namespaceB = "shard-b-" + run;
        TestNamespaces.createWithClouds(admin, namespaceA, cloud.cloudsYaml());
        TestNamespaces.createWithClouds(admin, namespaceB, cloud.cloudsYaml());
        volume = cloud.createVolume("shards-" + run);
        Path kubeconfig = cluster.serviceAccountKubeconfig(RealCluster.OPERATOR_NAMESPACE, RealCluster.OPERATOR_ACCOUNT,
                Paths.get("target", "operator.kubeconfig").toAbsolutePath());
        shardA = OperatorProcess.start("shard-a", cluster.repository(), kubeconfig, shard(namespaceA, "snapshots-shard-a"));
        shardB = OperatorProcess.start("shard-b", cluster.repository(), kubeconfig, shard(namespaceB, "snapshots-shard-b"));
        // each holds its own Lease, so both become ready
        shardA.awaitReady(PATIENCE);
        shardB.awaitReady(PATIENCE);
    }

    private static Map<String, String> shard(String namespace, String lease) {
        Map<String, String> settings = new HashMap<>(OperatorProcess.e2eSettings());
        settings.put("WATCH_NAMESPACES", namespace);
        settings.put("LEADER_ELECTION_LEASE_NAME", lease);
        return settings;
    }

    @AfterAll
    void stop() {
        try {
            for (String namespace : new String[] {namespaceA, namespaceB}) {
                if (admin != null && namespace != null) {
                    admin.resources(OpenStackSnapshot.class).inNamespace(namespace).delete();
                }
            }
            for (String namespace : new String[] {namespaceA, namespaceB}) {
                if (admin != null && namespace != null) {
                    await("snapshots of " + namespace + " gone").atMost(PATIENCE).until(() ->
                            admin.resources(OpenStackSnapshot.class).inNamespace(namespace).list().getItems().isEmpty());
                    admin.namespaces().withName(namespace).delete();
                }
            }
        } finally {
            for (OperatorProcess process : new OperatorProcess[] {shardA, shardB}) {
                if (process != null) {
                    process.close();
                }
            }
            if (cloud != null) {
                cloud.close();
            }
            if (admin != null) {
                admin.close();
            }
        }
    }

    @Test
    void eachObjectIsReconciledByTheShardOfItsNamespaceOnly() {
        createSnapshots(namespaceA);
        createSnapshots(namespaceB);
        awaitAllOk(namespaceA);
        awaitAllOk(namespaceB);

        assertEquals(PER_SHARD, shardA.logLines(CREATED), "shard a created its namespace's snapshots");
        assertEquals(PER_SHARD, shardB.logLines(CREATED), "shard b created its namespace's snapshots");
        assertEquals(0, shardA.logLines(namespaceB + "/"), "shard a never touched an object of " + namespaceB);
        assertEquals(0, shardB.logLines(namespaceA + "/"), "shard b never touched an object of " + namespaceA);
        assertEquals(2L * PER_SHARD, cloud.simulator().controls().count("snapshot.create"), "no Cinder create twice");
    }

    private void createSnapshots(String namespace) {
        IntStream.range(0, PER_SHARD).forEach(i -> {
            OpenStackSnapshotSpec spec = new OpenStackSnapshotSpec();
            spec.setCloudCredentialsRef(new CloudCredentialsRef(TestNamespaces.SECRET, SimulatedCloud.CLOUD));
            spec.setSourceVolume(SourceVolume.byId(volume));
            OpenStackSnapshot snapshot = new OpenStackSnapshot();
            snapshot.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName("s-" + i).build());
            snapshot.setSpec(spec);
            admin.resource(snapshot).create();
        });
    }

    private void awaitAllOk(String namespace) {
        await("every snapshot of " + namespace + " OK").atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).until(() -> {
            List<OpenStackSnapshot> all = admin.resources(OpenStackSnapshot.class).inNamespace(namespace).list().getItems();
            return all.size() == PER_SHARD
                    && all.stream().allMatch(s -> s.getStatus() != null && s.getStatus().getState() == SnapshotState.OK);
        });
    }
}
