package dev.openstack.snapshots.sandbox;

import dev.openstack.snapshots.operator.testing.MockKubernetesApi;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;

/**
 * The sandbox's default Kubernetes API: the operator tests' mock server with our CRDs from crds/ and kubectl's
 * discovery documents ({@link Discovery#mockApi()}).
 */
final class MockKubernetes implements KubernetesApi {

    private final MockKubernetesApi api = Discovery.mockApi();

    @Override
    public KubernetesClient client() {
        return api.client();
    }

    @Override
    public String url() {
        return api.url();
    }

    @Override
    public Path kubeconfig(String namespace) {
        return api.writeKubeconfig(Path.of(System.getProperty("java.io.tmpdir"), "openstack-snapshot-sandbox", "kubeconfig"),
                namespace);
    }

    /** No kube-controller-manager behind the mock: claims stay as written. */
    @Override
    public boolean bindsClaims() {
        return false;
    }

    @Override
    public void close() {
        api.close();
    }
}
