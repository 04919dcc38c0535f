package dev.openstack.snapshots.e2e.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openstack.snapshots.e2e.TestNamespaces;
import dev.openstack.snapshots.operator.api.CloudCredentialsRef;
import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotSpec;
import dev.openstack.snapshots.operator.api.SnapshotState;
import dev.openstack.snapshots.operator.api.SourceVolume;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two operator processes on one real control plane, both under the operator's ServiceAccount: exactly one leads
 * and reconciles; SIGKILL the leader and the other takes over within the Lease's duration; SIGTERM the leader, as a
 * rollout does, and it ends by itself and hands the Lease over at once; Cinder sees every snapshot created exactly
 * once.
 */
@ExtendWith(RealClusterCondition.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LeaderElectionClusterIT {

    /** JOSDK's default lease duration, which LeaderElection keeps. */
    private static final Duration LEASE = Duration.ofSeconds(15);
    private static final Duration PATIENCE = Duration.ofMinutes(2);
    private static final String CREATED = "created Cinder snapshot";
    private static final int PER_ROUND = 8;

    private RealCluster cluster;
    private SimulatedCloud cloud;
    private KubernetesClient admin;
    private OperatorProcess first;
    private OperatorProcess second;
    private OperatorProcess third;
    private Path kubeconfig;
    private String namespace;
    private String volume;

    @BeforeAll
    void start() {
        cluster = RealCluster.fromEnvironment().orElseThrow().installOperator();
        admin = cluster.admin();
        cloud = new SimulatedCloud();
        kubeconfig = cluster.serviceAccountKubeconfig(RealCluster.OPERATOR_NAMESPACE, RealCluster.OPERATOR_ACCOUNT,
                Paths.get("target", "operator.kubeconfig").toAbsolutePath());
        // Both ask for the same Lease; the one that gets it is ready, the other only live.
        first = OperatorProcess.start("leader-a", cluster.repository(), kubeconfig, OperatorProcess.e2eSettings());
        second = OperatorProcess.start("leader-b", cluster.repository(), kubeconfig, OperatorProcess.e2eSettings());
        first.awaitLive(PATIENCE);
        second.awaitLive(PATIENCE);
        namespace = "leader-" + UUID.randomUUID().toString().substring(0, 6);
        TestNamespaces.createWithClouds(admin, namespace, cloud.cloudsYaml());
        volume = cloud.createVolume(namespace + "-data");
    }

    @AfterAll
    void stop() {
        try {
            if (admin != null && namespace != null) {
                admin.resources(OpenStackSnapshot.class).inNamespace(namespace).delete();
                await("snapshots of " + namespace + " gone").atMost(PATIENCE)
                        .until(() -> admin.resources(OpenStackSnapshot.class).inNamespace(namespace).list().getItems().isEmpty());
                admin.namespaces().withName(namespace).delete();
            }
        } finally {
            for (OperatorProcess process : new OperatorProcess[] {first, second, third}) {
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
    @Order(1)
    void oneLeaderReconcilesAndTheOtherTakesOverAfterSigkill() {
        createSnapshots("before", PER_ROUND);
        awaitAllOk();
        OperatorProcess leader = first.logLines(CREATED) > 0 ? first : second;
        OperatorProcess follower = leader == first ? second : first;
        assertEquals(PER_ROUND, leader.logLines(CREATED), "the leader created every snapshot");
        assertEquals(0, follower.logLines(CREATED), "the follower created nothing while the leader lived");
        assertEquals(PER_ROUND, cloud.simulator().controls().count("snapshot.create"));
        String holder = lease().getSpec().getHolderIdentity();

        leader.kill();
        Instant killed = Instant.now();
        createSnapshots("after", PER_ROUND);
        await("another holder of the Lease").atMost(LEASE.multipliedBy(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> !holder.equals(lease().getSpec().getHolderIdentity()));
        Duration takeover = Duration.between(killed, Instant.now());
        awaitAllOk();
        Duration allOk = Duration.between(killed, Instant.now());
        System.out.printf("leader election: Lease taken over %d ms after SIGKILL of the leader, %d new snapshots OK after %d ms%n",
                takeover.toMillis(), PER_ROUND, allOk.toMillis());

        assertTrue(takeover.compareTo(LEASE.plusSeconds(5)) <= 0, "takeover took " + takeover + ", the lease is " + LEASE);
        assertNotEquals(holder, lease().getSpec().getHolderIdentity());
        assertEquals(PER_ROUND, follower.logLines(CREATED), "the new leader created the new snapshots, and only those");
        assertEquals(2L * PER_ROUND, cloud.simulator().controls().count("snapshot.create"), "no Cinder create was sent twice");
        assertEquals(2L * PER_ROUND, admin.resources(OpenStackSnapshot.class).inNamespace(namespace).list().getItems()
                .stream().map(s -> s.getStatus().getBackendID()).distinct().count(), "one Cinder snapshot per object");
    }

    /**
     * Before: JOSDK's System.exit on "stopped leading" ran inside the shutdown hook and blocked there, so the leader
     * never ended on SIGTERM (SIGKILLed after the grace period, 137) and the next one waited out the Lease.
     */
    @Test
    @Order(2)
    void aLeaderStoppedBySigtermEndsByItselfAndHandsTheLeaseOver() {
        OperatorProcess leader = first.alive() ? first : second;
        third = OperatorProcess.start("leader-c", cluster.repository(), kubeconfig, OperatorProcess.e2eSettings());
        third.awaitLive(PATIENCE);
        String holder = lease().getSpec().getHolderIdentity();
        long createdBefore = cloud.simulator().controls().count("snapshot.create");

        Instant terminated = Instant.now();
        int status = leader.terminate(Duration.ofSeconds(20));
        Duration exit = Duration.between(terminated, Instant.now());
        await("another holder of the Lease").atMost(LEASE.multipliedBy(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> lease().getSpec().getHolderIdentity() != null && !holder.equals(lease().getSpec().getHolderIdentity()));
        Duration takeover = Duration.between(terminated, Instant.now());
        System.out.printf("leader election: SIGTERMed leader ended in %d ms (status %d), Lease taken over %d ms after SIGTERM%n",
                exit.toMillis(), status, takeover.toMillis());
        assertEquals(143, status, "the leader ends by itself on SIGTERM (143), not by the SIGKILL after the grace period");
        // Renewed every 2 s, a Lease left behind blocks the next leader for at least 13 of its 15 s.
        assertTrue(takeover.compareTo(LEASE.minusSeconds(5)) < 0, "took " + takeover + ": the Lease was not handed over");

        createSnapshots("rollout", PER_ROUND);
        awaitAllOk();
        assertEquals(PER_ROUND, third.logLines(CREATED), "the new leader created the new snapshots, and only those");
        assertEquals(createdBefore + PER_ROUND, cloud.simulator().controls().count("snapshot.create"), "no Cinder create was sent twice");
    }

    private Lease lease() {
        return admin.leases().inNamespace(RealCluster.OPERATOR_NAMESPACE).withName("openstack-snapshot-operator").get();
    }

    private void createSnapshots(String prefix, int count) {
        IntStream.range(0, count).forEach(i -> {
            OpenStackSnapshotSpec spec = new OpenStackSnapshotSpec();
            spec.setCloudCredentialsRef(new CloudCredentialsRef(TestNamespaces.SECRET, SimulatedCloud.CLOUD));
            spec.setSourceVolume(SourceVolume.byId(volume));
            OpenStackSnapshot snapshot = new OpenStackSnapshot();
            snapshot.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(prefix + "-" + i).build());
            snapshot.setSpec(spec);
            admin.resource(snapshot).create();
        });
    }

    private void awaitAllOk() {
        await("every snapshot of " + namespace + " OK").atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).until(() -> {
            List<OpenStackSnapshot> all = admin.resources(OpenStackSnapshot.class).inNamespace(namespace).list().getItems();
            return all.stream().allMatch(s -> s.getStatus() != null && s.getStatus().getState() == SnapshotState.OK);
        });
    }
}
