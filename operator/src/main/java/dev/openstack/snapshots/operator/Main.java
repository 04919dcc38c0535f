package dev.openstack.snapshots.operator;

import dev.openstack.snapshots.operator.unreadable.OperatorClient;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The operator against the cluster of the current kubeconfig (KUBECONFIG, ~/.kube/config, or in-cluster). */
public final class Main {

    static {
        // With 2 CPUs the common pool has parallelism 1, and CompletableFuture then runs every async step on a new
        // thread: under fabric8's JDK HTTP client the operator started about 12 threads per snapshot lifecycle. This
        // must run before anything touches ForkJoinPool; -D on the command line still wins.
        String parallelism = "java.util.concurrent.ForkJoinPool.common.parallelism";
        if (System.getProperty(parallelism) == null) {
            System.setProperty(parallelism, Integer.toString(Math.max(2, Runtime.getRuntime().availableProcessors() - 1)));
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    public static void main(String[] args) {
        OperatorSettings settings = OperatorSettings.fromEnvironment();
        Config config = KubernetesConfig.load();
        KubernetesClient kubernetes = OperatorClient.build(new KubernetesClientBuilder().withConfig(config)
                .withHttpClientFactory(new ChaChaFirstHttpClientFactory(config)), Clock.systemUTC());
        try {
            LeaderElection leaderElection = LeaderElection.from(System.getenv(), kubernetes.getNamespace());
            LeaseHandover handover = new LeaseHandover(leaderElection);
            MonitoredOperator operator = MonitoredOperator.start(kubernetes, settings, Clock.systemUTC(),
                    leaderElection.configuration(handover), OperatorSettings.metricsPort(System.getenv()));
            operator.assembly().exitOnInformerFailure();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                handover.stopping();
                operator.close();
                handover.release(kubernetes);
                kubernetes.close();
                LOG.info("operator stopped");
            }, "shutdown"));
            LOG.info("operator started against {}, watching {}, {}; /metrics /healthz /readyz on port {}",
                    kubernetes.getMasterUrl(), settings.watchesAllNamespaces() ? "all namespaces" : settings.watchNamespaces(),
                    leaderElection, operator.port());
        } catch (RuntimeException e) {
            LOG.error("operator not started against {}: {}", kubernetes.getMasterUrl(), rootCause(e));
            System.exit(1);
        }
    }

    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root + ")";
    }
}
