package dev.openstack.snapshots.e2e.cluster;

import dev.openstack.snapshots.e2e.OperatorUnderTest;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The operator installed on a real control plane from config/default and running as its own process under
 * its ServiceAccount's token, so that the RBAC in config/ is what the e2e suite exercises. The tests act as
 * the cluster admin. Closing deletes the namespaces the tests made (the real namespace controller empties
 * them, the operator releases its objects) and then stops the operator.
 */
public final class OperatorOnRealCluster implements OperatorUnderTest {

    private static final Duration NAMESPACE_PATIENCE = Duration.ofMinutes(2);

    private final KubernetesClient admin;
    private final OperatorProcess process;
    private final Set<String> namespaces = ConcurrentHashMap.newKeySet();

    private OperatorOnRealCluster(KubernetesClient admin, OperatorProcess process) {
        this.admin = admin;
        this.process = process;
    }

    public static OperatorOnRealCluster start(RealCluster cluster) {
        cluster.installOperator();
        Path kubeconfig = cluster.serviceAccountKubeconfig(RealCluster.OPERATOR_NAMESPACE, RealCluster.OPERATOR_ACCOUNT,
                Paths.get("target", "operator.kubeconfig").toAbsolutePath());
        OperatorProcess process = OperatorProcess.start("e2e-" + Instant.now().toEpochMilli(), cluster.repository(),
                kubeconfig, OperatorProcess.e2eSettings()).awaitReady(Duration.ofMinutes(2));
        return new OperatorOnRealCluster(cluster.admin(), process);
    }

    @Override
    public KubernetesClient kubernetes() {
        return admin;
    }

    @Override
    public void namespaceWithClouds(String namespace, String cloudsYaml) {
        OperatorUnderTest.super.namespaceWithClouds(namespace, cloudsYaml);
        namespaces.add(namespace);
    }

    public OperatorProcess process() {
        return process;
    }

    @Override
    public void close() {
        try {
            List<String> stuck = deleteNamespaces();
            if (!stuck.isEmpty()) {
                throw new AssertionError("namespaces still Terminating " + NAMESPACE_PATIENCE + " after deletion: " + stuck
                        + " (operator log: " + process.log() + ")");
            }
        } finally {
            process.close();
            admin.close();
        }
    }

    private List<String> deleteNamespaces() {
        namespaces.forEach(ns -> admin.namespaces().withName(ns).delete());
        Instant deadline = Instant.now().plus(NAMESPACE_PATIENCE);
        List<String> left = remaining();
        while (!left.isEmpty() && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            left = remaining();
        }
        return left;
    }

    private List<String> remaining() {
        return namespaces.stream().filter(ns -> admin.namespaces().withName(ns).get() != null).toList();
    }
}
