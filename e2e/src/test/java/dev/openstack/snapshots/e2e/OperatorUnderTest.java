package dev.openstack.snapshots.e2e;

import dev.openstack.snapshots.e2e.cluster.OperatorOnRealCluster;
import dev.openstack.snapshots.e2e.cluster.RealCluster;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The operator as an e2e test sees it: a Kubernetes API to put objects into, with the operator serving it.
 * On a real control plane ({@link RealCluster}, when {@code E2E_KUBECONFIG} is set) the operator is its own
 * process under its own ServiceAccount; otherwise it runs in-process against the mock server.
 */
public interface OperatorUnderTest extends AutoCloseable {

    /** The clouds.yaml Secret's name in every test namespace. */
    String SECRET = TestNamespaces.SECRET;

    /** Where the test creates and reads objects (admin on a real cluster). */
    KubernetesClient kubernetes();

    /** A namespace with the clouds.yaml Secret {@value #SECRET} holding {@code cloudsYaml}. */
    default void namespaceWithClouds(String namespace, String cloudsYaml) {
        TestNamespaces.createWithClouds(kubernetes(), namespace, cloudsYaml);
    }

    default Secret putSecret(String namespace, String name, String cloudsYaml) {
        return TestNamespaces.putSecret(kubernetes(), namespace, name, cloudsYaml);
    }

    @Override
    void close();

    /** The real control plane when one is configured, else the mock server. */
    static OperatorUnderTest start() {
        return RealCluster.fromEnvironment().<OperatorUnderTest>map(OperatorOnRealCluster::start)
                .orElseGet(OperatorOnRealCloud::start);
    }
}
