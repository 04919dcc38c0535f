package dev.openstack.snapshots.operator;

import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotSchedule;
import dev.openstack.snapshots.operator.api.SnapshotRestoration;
import dev.openstack.snapshots.operator.cinder.openstack.CinderCallMetrics;
import dev.openstack.snapshots.operator.cinder.openstack.OpenStackClouds;
import dev.openstack.snapshots.operator.monitoring.BoundedRetryMetrics;
import dev.openstack.snapshots.operator.monitoring.MonitoringServer;
import dev.openstack.snapshots.operator.monitoring.ObjectStateMetrics;
import dev.openstack.snapshots.operator.monitoring.ObservationGauges;
import dev.openstack.snapshots.operator.monitoring.ProcessMeters;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.Optional;

/**
 * The operator as the main runs it: one Prometheus registry holding the JVM and process meters, the Cinder calls per
 * cloud, JOSDK's reconciliation meters and the object-state gauges, served with the probes on one port. A class of
 * its own so that a test scrapes exactly what production exposes.
 */
public final class MonitoredOperator implements AutoCloseable {

    private final PrometheusMeterRegistry registry;
    private final ProcessMeters processMeters;
    private final OperatorAssembly operator;
    private final ObjectStateMetrics objects;
    private final MonitoringServer monitoring;

    private MonitoredOperator(PrometheusMeterRegistry registry, ProcessMeters processMeters, OperatorAssembly operator,
            ObjectStateMetrics objects,
            MonitoringServer monitoring) {
        this.registry = registry;
        this.processMeters = processMeters;
        this.operator = operator;
        this.objects = objects;
        this.monitoring = monitoring;
    }

    /** Starts the operator on {@code kubernetes} and serves /metrics, /healthz, /readyz on {@code port} (0: any). */
    public static MonitoredOperator start(KubernetesClient kubernetes, OperatorSettings settings, Clock clock,
            Optional<LeaderElectionConfiguration> leaderElection, int port) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ProcessMeters processMeters = ProcessMeters.bindTo(registry);
        // TransitionEvents counts into micrometer's global registry (see there).
        Metrics.addRegistry(registry);
        OpenStackClouds clouds = new OpenStackClouds(settings.openStack(), clock, CinderCallMetrics.recordingIn(registry));
        OperatorAssembly operator = new OperatorAssembly(kubernetes, clouds, clock, settings,
                new BoundedRetryMetrics(MicrometerMetrics.withoutPerResourceMetrics(registry)), leaderElection).start();
        ObjectStateMetrics objects = new ObjectStateMetrics(registry, clock, operator.cache(OpenStackSnapshot.class),
                operator.cache(SnapshotRestoration.class), operator.cache(OpenStackSnapshotSchedule.class));
        ObservationGauges.register(registry, operator.observation());
        MonitoringServer monitoring = MonitoringServer.start(port, registry, objects, operator.operator().getRuntimeInfo());
        return new MonitoredOperator(registry, processMeters, operator, objects, monitoring);
    }

    public int port() {
        return monitoring.port();
    }

    public OperatorAssembly assembly() {
        return operator;
    }

    @Override
    public void close() {
        monitoring.close();
        operator.close();
        processMeters.close();
        Metrics.removeRegistry(registry);
    }
}
