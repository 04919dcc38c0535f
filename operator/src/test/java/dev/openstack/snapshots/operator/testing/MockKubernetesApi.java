package dev.openstack.snapshots.operator.testing;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Dispatcher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * fabric8's Kubernetes mock server (CRUD mode) on a loopback port, with the API server's optimistic concurrency on
 * status updates ({@link StrictStatusDispatcher}) and the given CRDs installed: the Kubernetes API of the operator's
 * integration tests, of the sandbox (which puts kubectl's discovery documents in front) and of e2e without a real
 * control plane.
 */
public final class MockKubernetesApi implements AutoCloseable {

    /** Kept referenced: java.util.logging forgets the level of loggers nobody holds. */
    private static final java.util.logging.Logger MOCK_SERVER_LOG = quiet("io.fabric8.mockwebserver");

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(java.util.logging.Level.WARNING);
        return logger;
    }

    private final KubernetesMockServer server;
    private final KubernetesClient client;

    public MockKubernetesApi(List<CustomResourceDefinition> crds) {
        this(crds, UnaryOperator.identity());
    }

    /** @param front what answers before the CRUD dispatcher (the sandbox's discovery documents), or the identity */
    public MockKubernetesApi(List<CustomResourceDefinition> crds, UnaryOperator<Dispatcher> front) {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                front.apply(new StrictStatusDispatcher()), false);
        server.init();
        client = server.createClient();
        crds.forEach(crd -> client.apiextensions().v1().customResourceDefinitions().resource(crd).create());
    }

    /** The server itself: its recorded requests show what a client asked of the API. */
    public KubernetesMockServer server() {
        return server;
    }

    /** A plain client of this server (no credentials). */
    public KubernetesClient client() {
        return client;
    }

    public String url() {
        return client.getConfiguration().getMasterUrl();
    }

    /** A kubeconfig for kubectl or an operator process against this server (plain HTTP, no credentials). */
    public Path writeKubeconfig(Path file, String namespace) {
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
