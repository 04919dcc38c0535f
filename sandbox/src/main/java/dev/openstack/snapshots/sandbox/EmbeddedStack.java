package dev.openstack.snapshots.sandbox;

import dev.openstack.snapshots.operator.OperatorAssembly;
import dev.openstack.snapshots.operator.OperatorSettings;
import dev.openstack.snapshots.operator.testing.InProcessStack;
import dev.openstack.snapshots.simulator.CinderSimulator;
import dev.openstack.snapshots.simulator.SimulatorConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The whole product in this JVM, as the operator's integration tests assemble it ({@link InProcessStack}): fabric8's
 * Kubernetes mock server with our CRDs from crds/ and kubectl's discovery documents, the Cinder simulator, and the
 * operator assembled as in production (real openstack4j adapter, real HTTP), all on the sandbox's clock. For the demo on
 * a real cluster, that cluster's API server replaces the mock; the simulator and the operator stay in this JVM.
 */
final class EmbeddedStack implements BenchmarkStack {

    private final SandboxClock clock = new SandboxClock();
    private final KubernetesApi kubernetes;
    private final InProcessStack stack;
    private final Duration transitionDelay;
    private BenchmarkCinder cinder;

    EmbeddedStack(Duration transitionDelay, OperatorSettings settings, boolean unlimitedQuotas) {
        this(new MockKubernetes(), transitionDelay, settings, unlimitedQuotas);
    }

    /** The same with another Kubernetes API: a real cluster's ({@link ClusterKubernetesApi}) for the demo on it. */
    EmbeddedStack(KubernetesApi kubernetes, Duration transitionDelay, OperatorSettings settings, boolean unlimitedQuotas) {
        this.kubernetes = kubernetes;
        this.transitionDelay = transitionDelay;
        SimulatorConfig config = SimulatorConfig.defaults().withTransitionDelay(transitionDelay).withClock(clock);
        CinderSimulator simulator = CinderSimulator.start(unlimitedQuotas ? config.withQuotas(-1, -1, -1)
                : config.withQuotas(100, 100, 10_000));
        stack = new InProcessStack(kubernetes.client(), kubernetes, simulator, clock, settings);
    }

    @Override
    public KubernetesClient client() {
        return stack.client();
    }

    @Override
    public CinderSimulator simulator() {
        return stack.simulator().orElseThrow();
    }

    @Override
    public synchronized BenchmarkCinder cinder() {
        if (cinder == null) {
            cinder = new SimulatorCinder(simulator(), transitionDelay);
        }
        return cinder;
    }

    OperatorAssembly operator() {
        return stack.operator();
    }

    SandboxClock clock() {
        return clock;
    }

    /** Whether the operator runs a controller for this kind (restorations and schedules arrive with their branches). */
    boolean controls(Class<?> kind) {
        return stack.operator().operator().getRuntimeInfo().getRegisteredControllers().stream()
                .anyMatch(c -> c.getConfiguration().getResourceClass().equals(kind));
    }

    String apiUrl() {
        return kubernetes.url();
    }

    /** A kubeconfig for kubectl against the API (for the mock one written for it: plain HTTP, no credentials). */
    Path writeKubeconfig() {
        return kubernetes.kubeconfig(Scenario.NAMESPACE);
    }

    /** Whether kube-controller-manager binds claims here: on a real cluster, not on the mock. */
    boolean bindsClaims() {
        return kubernetes.bindsClaims();
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
        stack.close();
    }
}
