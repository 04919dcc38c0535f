package dev.openstack.snapshots.sandbox;

import dev.openstack.snapshots.operator.OperatorAssembly;
import dev.openstack.snapshots.operator.OperatorSettings;
import dev.openstack.snapshots.operator.cloud.OpenStackClouds;
import dev.openstack.snapshots.operator.cloud.OpenStackSettings;
import dev.openstack.snapshots.operator.unreadable.OperatorClient;
import dev.openstack.snapshots.simulator.CinderSimulator;
import dev.openstack.snapshots.simulator.SimulatorConfig;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole product in this JVM: fabric8's Kubernetes mock server (CRUD mode) with our CRDs from crds/, the Cinder
 * simulator, and the operator assembled as in production (real openstack4j adapter, real HTTP).
 */
final class EmbeddedStack implements AutoCloseable {

    /** Kept referenced: java.util.logging forgets the level of loggers nobody holds. */
    private static final java.util.logging.Logger MOCK_SERVER_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    private final SandboxClock clock = new SandboxClock();
    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final CinderSimulator simulator;
    private final OperatorAssembly operator;

    EmbeddedStack(Duration transitionDelay, OperatorSettings settings, boolean unlimitedQuotas) {
        MOCK_SERVER_LOG.setLevel(java.util.logging.Level.WARNING);
        List<CustomResourceDefinition> crds = Bundled.files("crds").stream()
                .map(f -> Serialization.unmarshal(f.getValue(), CustomResourceDefinition.class)).toList();
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new Discovery(new KubernetesCrudDispatcher(), crds), false);
        server.init();
        // the operator's own client (unreadable objects reported and skipped), on the mock server's configuration
        try (KubernetesClient plain = server.createClient()) {
            client = OperatorClient.build(new KubernetesClientBuilder().withConfig(plain.getConfiguration()), clock);
        }
        crds.forEach(crd -> client.apiextensions().v1().customResourceDefinitions().resource(crd).create());
        SimulatorConfig config = SimulatorConfig.defaults().withTransitionDelay(transitionDelay).withClock(clock);
        simulator = CinderSimulator.start(unlimitedQuotas ? config.withQuotas(-1, -1, -1) : config.withQuotas(100, 100, 10_000));
        operator = new OperatorAssembly(client, new OpenStackClouds(OpenStackSettings.defaults(), clock), clock, settings).start();
    }

    KubernetesClient client() {
        return client;
    }

    CinderSimulator simulator() {
        return simulator;
    }

    OperatorAssembly operator() {
        return operator;
    }

    SandboxClock clock() {
        return clock;
    }

    /** Whether the operator runs a controller for this kind (restorations and schedules arrive with their branches). */
    boolean controls(Class<?> kind) {
        return operator.operator().getRuntimeInfo().getRegisteredControllers().stream()
                .anyMatch(c -> c.getConfiguration().getResourceClass().equals(kind));
    }

    String apiUrl() {
        return client.getConfiguration().getMasterUrl();
    }

    /** A kubeconfig for kubectl against the mock API server (plain HTTP, no credentials). */
    Path writeKubeconfig() {
        String url = apiUrl().replaceAll("/$", "");
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
                      namespace: team-a
                current-context: sandbox
                users:
                  - name: sandbox
                    user: {}
                """.formatted(url);
        try {
            Path directory = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "openstack-snapshot-sandbox"));
            return Files.writeString(directory.resolve("kubeconfig"), kubeconfig);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        operator.close();
        simulator.close();
        client.close();
        server.destroy();
    }
}
