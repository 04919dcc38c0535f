package dev.openstack.snapshots.sandbox;

import dev.openstack.snapshots.operator.testing.admin.CinderAdmin;
import dev.openstack.snapshots.operator.OperatorSettings;
import dev.openstack.snapshots.operator.api.SnapshotRestoration;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The embedded default: Kubernetes API (fabric8 mock server), Cinder (the simulator) and the operator in this JVM.
 * Shows the life of a snapshot and exits 0, or stays up with --keep-running; --benchmark N and --expiry-benchmark N
 * measure; --kill-campaign N kills operator processes (started from the operator jar) and audits Cinder;
 * --port-latency N times the Cinder port's calls (simulator or a real cloud).
 */
public final class Sandbox {

    /** Quick polls, so a demo of a minute shows every transition; the production defaults are 2s / 60s. */
    static final OperatorSettings DEMO_SETTINGS = OperatorSettings.defaults()
            .withPollIntervals(Duration.ofMillis(500), Duration.ofSeconds(5))
            .withRetry(Duration.ofMillis(500), Duration.ofSeconds(5));

    /**
     * The same on a real cluster, watching only the demo's namespace: objects of other namespaces there are not the
     * demo's to touch, and may have an operator of their own.
     */
    static final OperatorSettings CLUSTER_DEMO_SETTINGS = OperatorSettings.from(Map.of(
                    OperatorSettings.WATCH_NAMESPACES.env(), Scenario.NAMESPACE))
            .withPollIntervals(Duration.ofMillis(500), Duration.ofSeconds(5))
            .withRetry(Duration.ofMillis(500), Duration.ofSeconds(5));

    public static void main(String[] args) throws InterruptedException {
        SandboxOptions options;
        try {
            options = SandboxOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (!options.verbose()) {
            // Read by slf4j-simple when the first logger is created, which has not happened yet.
            System.setProperty("org.slf4j.simpleLogger.log.dev.openstack.snapshots", "warn");
        }
        int status;
        if (options.benchmarkSnapshots() > 0 && options.restart()) {
            status = RestartBenchmark.run(options, System.out);
        } else if (options.benchmarkSnapshots() > 0) {
            status = Benchmark.run(options, System.out);
        } else if (options.kills() > 0) {
            status = killCampaign(options, System.out);
        } else if (options.expirySnapshots() > 0) {
            status = ExpiryBenchmark.run(options, System.out);
        } else if (options.portLatencyRounds() > 0) {
            status = PortLatencyBenchmark.run(options, System.out);
        } else {
            status = demo(options, System.out);
        }
        System.exit(status);
    }

    private static int killCampaign(SandboxOptions options, PrintStream out) throws InterruptedException {
        if (!java.nio.file.Files.isRegularFile(options.operatorJar())) {
            System.err.println("no operator jar at " + options.operatorJar().toAbsolutePath()
                    + ": build it first (mvn -B -q package -DskipTests) or name it with --operator-jar");
            return 2;
        }
        return KillCampaign.fullRun(options.kills(), options.operatorJar(), out);
    }

    /** The scenario of the README's first command; 0 when every step ended as promised. */
    static int demo(SandboxOptions options, PrintStream out) throws InterruptedException {
        if (options.kubeconfig() == null) {
            out.println("Starting Kubernetes API (mock), Cinder simulator and the operator in one JVM...");
        } else {
            out.println("Kubernetes API from " + options.kubeconfig() + "; starting the Cinder simulator and the operator "
                    + "(watching namespace " + Scenario.NAMESPACE + ") in this JVM...");
        }
        try (EmbeddedStack stack = options.kubeconfig() == null
                ? new EmbeddedStack(options.transitionDelay(), DEMO_SETTINGS, false)
                : new EmbeddedStack(new ClusterKubernetesApi(options.kubeconfig()), options.transitionDelay(), CLUSTER_DEMO_SETTINGS, false)) {
            out.println("Kubernetes API " + stack.apiUrl() + " - Cinder " + stack.simulator().authUrl());
            DemoCleanup cleanup = new DemoCleanup(stack.client(), out);
            if (stack.bindsClaims()) {
                cleanup.earlierRun();
            }
            out.println();
            Scenario.Outcome outcome;
            try (LiveTable table = new LiveTable(stack.client(), out, stack.controls(SnapshotRestoration.class))) {
                outcome = new Scenario(stack, out).run();
                Waits.pause(Duration.ofMillis(300));
            } catch (ScenarioFailure | CinderAdmin.TimedOut e) {
                out.println();
                out.println("FAILED: " + e.getMessage());
                return 1;
            }
            out.println();
            out.println("OK: showed " + String.join(", ", outcome.shown()) + "; applied " + outcome.applied().size()
                    + " objects from examples/.");
            if (options.keepRunning()) {
                out.println();
                out.println("Still running. Kubernetes API: " + stack.apiUrl());
                out.println("  export KUBECONFIG=" + stack.writeKubeconfig());
                out.println("  kubectl get osnap -n " + Scenario.NAMESPACE + " -w");
                out.println("Cinder (Keystone v3): " + stack.simulator().authUrl() + " (admin / secret). Ctrl-C stops.");
                new CountDownLatch(1).await();
            }
            if (stack.bindsClaims()) {
                cleanup.afterRun();
                out.println("Cleaned up.");
            }
            return 0;
        }
    }
}
