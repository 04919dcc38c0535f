package dev.openstack.snapshots.operator;

import dev.openstack.snapshots.operator.cloud.OpenStackClouds;
import dev.openstack.snapshots.operator.monitoring.MonitoringServer;
import dev.openstack.snapshots.operator.monitoring.ObjectStateMetrics;
import dev.openstack.snapshots.operator.unreadable.OperatorClient;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The operator against the cluster of the current kubeconfig (KUBECONFIG, ~/.kube/config, or in-cluster). */
public final class Main {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    public static void main(String[] args) {
        OperatorSettings settings = OperatorSettings.fromEnvironment();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        KubernetesClient kubernetes = OperatorClient.build(new KubernetesClientBuilder(), Clock.systemUTC());
        try {
            LeaderElection leaderElection = LeaderElection.from(System.getenv(), kubernetes.getNamespace());
            OperatorAssembly operator = new OperatorAssembly(kubernetes,
                    new OpenStackClouds(settings.openStack(), Clock.systemUTC()), Clock.systemUTC(), settings,
                    MicrometerMetrics.withoutPerResourceMetrics(registry), leaderElection.configuration()).start();
            ObjectStateMetrics objects = new ObjectStateMetrics(kubernetes, settings, registry);
            MonitoringServer monitoring = MonitoringServer.start(MonitoringServer.port(System.getenv()), registry, objects,
                    operator.operator().getRuntimeInfo());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                monitoring.close();
                objects.close();
                operator.close();
                kubernetes.close();
            }, "shutdown"));
            LOG.info("operator started against {}, watching {}, {}; /metrics /healthz /readyz on port {}",
                    kubernetes.getMasterUrl(), settings.watchesAllNamespaces() ? "all namespaces" : settings.watchNamespaces(),
                    leaderElection, monitoring.port());
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
