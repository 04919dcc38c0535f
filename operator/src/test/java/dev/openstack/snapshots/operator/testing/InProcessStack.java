package dev.openstack.snapshots.operator.testing;

import dev.openstack.snapshots.operator.OperatorAssembly;
import dev.openstack.snapshots.operator.OperatorSettings;
import dev.openstack.snapshots.operator.cinder.openstack.OpenStackClouds;
import dev.openstack.snapshots.operator.cloud.OpenStackSettings;
import dev.openstack.snapshots.operator.unreadable.OperatorClient;
import dev.openstack.snapshots.simulator.CinderSimulator;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Clock;
import java.util.Optional;

/**
 * The whole product in one JVM, assembled once for the operator's integration tests ({@link OperatorHarness}), the
 * sandbox and e2e without a real control plane: a Kubernetes API (the mock one, or for the sandbox's demo on a real
 * cluster that cluster's), the Cinder simulator over HTTP (or none, when the cloud is real), and the operator as
 * production assembles it ({@link OperatorAssembly}, {@link OpenStackClouds}, the real openstack4j adapter) on its own
 * Kubernetes client, with an injected clock. The operator can be stopped and started again on the same Kubernetes and
 * Cinder (a restart).
 */
public final class InProcessStack implements AutoCloseable {

    private final AutoCloseable kubernetes;
    private final KubernetesClient client;
    private final CinderSimulator simulator;
    private final Clock clock;
    private final OperatorSettings settings;
    private OperatorAssembly operator;

    /**
     * Starts the operator on {@code kubernetes} (whose CRDs are installed) and {@code simulator} (null for a real cloud,
     * reached through the clouds.yaml Secrets the objects name); closing the stack closes all three.
     */
    public InProcessStack(MockKubernetesApi kubernetes, CinderSimulator simulator, Clock clock, OperatorSettings settings) {
        this(kubernetes.client(), kubernetes, simulator, clock, settings);
    }

    /**
     * As above, on any Kubernetes API: {@code api} is a client of it (its configuration is the operator's), and
     * {@code owner} what closes it.
     */
    public InProcessStack(KubernetesClient api, AutoCloseable owner, CinderSimulator simulator, Clock clock,
            OperatorSettings settings) {
        this.kubernetes = owner;
        this.simulator = simulator;
        this.clock = clock;
        this.settings = settings;
        // the operator's own client (unreadable objects reported and skipped), on the API's configuration
        this.client = OperatorClient.build(new KubernetesClientBuilder().withConfig(api.getConfiguration()), clock);
        startOperator();
    }

    /** The operator's own client: where tests and the sandbox create and read objects too. */
    public KubernetesClient client() {
        return client;
    }

    /** The simulator, empty when the cloud is a real one. */
    public Optional<CinderSimulator> simulator() {
        return Optional.ofNullable(simulator);
    }

    public OperatorAssembly operator() {
        return operator;
    }

    public void startOperator() {
        operator = new OperatorAssembly(client, new OpenStackClouds(OpenStackSettings.defaults(), clock), clock, settings)
                .start();
    }

    public void stopOperator() {
        operator.close();
    }

    /** Stops the operator and starts a fresh one on the same Kubernetes and Cinder. */
    public void restartOperator() {
        stopOperator();
        startOperator();
    }

    @Override
    public void close() {
        try {
            if (operator != null) {
                operator.close();
            }
        } finally {
            client.close();
            try {
                kubernetes.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing the Kubernetes API", e);
            } finally {
                if (simulator != null) {
                    simulator.close();
                }
            }
        }
    }
}
