package dev.openstack.snapshots.sandbox;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;

/**
 * fabric8's Kubernetes mock server (CRUD mode) on a real loopback port, with our CRDs from crds/ installed, the
 * discovery documents kubectl needs, and the API server's optimistic concurrency on status updates: the Kubernetes API
 * of the sandbox and of the kill campaign's operator processes.
 */
final class MockKubernetesApi implements KubernetesApi {

    /** Kept referenced: java.util.logging forgets the level of loggers nobody holds. */
    private static final java.util.logging.Logger MOCK_SERVER_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    private final KubernetesMockServer server;
    private final KubernetesClient client;

    MockKubernetesApi() {
        MOCK_SERVER_LOG.setLevel(java.util.logging.Level.WARNING);
        List<CustomResourceDefinition> crds = Bundled.files("crds").stream()
                .map(f -> Serialization.unmarshal(f.getValue(), CustomResourceDefinition.class)).toList();
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new Discovery(new StrictStatusDispatcher(), crds), false);
        server.init();
        client = server.createClient();
        crds.forEach(crd -> client.apiextensions().v1().customResourceDefinitions().resource(crd).create());
    }

    @Override
    public KubernetesClient client() {
        return client;
    }

    @Override
    public String url() {
        return client.getConfiguration().getMasterUrl();
    }

    @Override
    public Path kubeconfig(String namespace) {
        return writeKubeconfig(Path.of(System.getProperty("java.io.tmpdir"), "openstack-snapshot-sandbox", "kubeconfig"), namespace);
    }

    /** No kube-controller-manager behind the mock: claims stay as written. */
    @Override
    public boolean bindsClaims() {
        return false;
    }

    /** A kubeconfig for kubectl or an operator process against this server (plain HTTP, no credentials). */
    Path writeKubeconfig(Path file, String namespace) {
        String kubeconfig = """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: sandbox
                    cluster:
                      server: %s
                contexts:
                  - name: sandbox
                    context:
                      cluster: sandbox
                      user: sandbox
                      namespace: %s
                current-context: sandbox
                users:
                  - name: sandbox
                    user: {}
                """.formatted(url().replaceAll("/$", ""), namespace);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.writeString(file, kubeconfig);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
