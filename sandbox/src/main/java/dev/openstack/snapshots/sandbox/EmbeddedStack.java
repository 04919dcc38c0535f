package dev.openstack.snapshots.sandbox;

import dev.openstack.snapshots.operator.OperatorAssembly;
import dev.openstack.snapshots.operator.OperatorSettings;
import dev.openstack.snapshots.operator.cinder.openstack.OpenStackClouds;
import dev.openstack.snapshots.operator.cloud.OpenStackSettings;
import dev.openstack.snapshots.operator.unreadable.OperatorClient;
import dev.openstack.snapshots.simulator.CinderSimulator;
import dev.openstack.snapshots.simulator.SimulatorConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The whole product in this JVM: fabric8's Kubernetes mock server (CRUD mode) with our CRDs from crds/, the Cinder
 * simulator, and the operator assembled as in production (real openstack4j adapter, real HTTP).
 */
final class EmbeddedStack implements BenchmarkStack {

    private final SandboxClock clock = new SandboxClock();
    private final MockKubernetesApi kubernetes;
    private final KubernetesClient client;
    private final CinderSimulator simulator;
    private final OperatorAssembly operator;

    EmbeddedStack(Duration transitionDelay, OperatorSettings settings, boolean unlimitedQuotas) {
        kubernetes = new MockKubernetesApi();
        // the operator's own client (unreadable objects reported and skipped), on the mock server's configuration
        client = OperatorClient.build(new KubernetesClientBuilder().withConfig(kubernetes.client().getConfiguration()), clock);
        SimulatorConfig config = SimulatorConfig.defaults().withTransitionDelay(transitionDelay).withClock(clock);
        simulator = CinderSimulator.start(unlimitedQuotas ? config.withQuotas(-1, -1, -1) : config.withQuotas(100, 100, 10_000));
        operator = new OperatorAssembly(client, new OpenStackClouds(OpenStackSettings.defaults(), clock), clock, settings).start();
    }

    @Override
    public KubernetesClient client() {
        return client;
    }

    @Override
    public CinderSimulator simulator() {
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
        return kubernetes.url();
    }

    /** A kubeconfig for kubectl against the mock API server (plain HTTP, no credentials). */
    Path writeKubeconfig() {
        return kubernetes.writeKubeconfig(Path.of(System.getProperty("java.io.tmpdir"), "openstack-snapshot-sandbox", "kubeconfig"),
                Scenario.NAMESPACE);
    }

    /** Everything runs in this JVM: the mock API server, the simulator and the operator share its CPU time. */
    @Override
    public List<ProcessCpu> processes() {
        return List.of(new ProcessCpu("sandbox (mock API + simulator + operator + client)", ProcessHandle.current().pid()));
    }

    @Override
    public String operatorMemory() {
        System.gc();
        return "heap used after GC (mock API server, simulator and operator together) "
                + (java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20) + " MiB";
    }

    @Override
    public void close() {
        operator.close();
        simulator.close();
        client.close();
        kubernetes.close();
    }
}
