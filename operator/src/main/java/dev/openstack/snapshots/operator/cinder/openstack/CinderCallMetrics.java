package dev.openstack.snapshots.operator.cinder.openstack;

import dev.openstack.snapshots.operator.cinder.TerminalCinderException;
import dev.openstack.snapshots.operator.cloud.CloudConfigurationException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;

/**
 * Counts and times the Cinder calls of each cloud by outcome: {@code ok}, {@code terminal} (4xx and configuration
 * errors: the spec or the Secret must change) or {@code transient} (5xx, 429, timeouts, unreachable: retried), and by
 * operation ({@code snapshot.create}, {@code volume.get}, ...: the simulator's counter names). The labels are the cloud
 * name, the operation and the outcome only, never an id or a namespace, so the series stay few however many objects
 * exist. Exposed as {@value #NAME}_seconds_count / _sum / _max.
 */
public final class CinderCallMetrics {

    public static final String NAME = "openstack_snapshot_operator_cinder_calls";

    private final MeterRegistry registry;

    private CinderCallMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public static CinderCallMetrics recordingIn(MeterRegistry registry) {
        return new CinderCallMetrics(registry);
    }

    /** Records nothing (a composite registry without members): tests and tools. */
    public static CinderCallMetrics none() {
        return new CinderCallMetrics(new CompositeMeterRegistry());
    }

    void record(String cloud, String operation, RuntimeException failure, Duration took) {
        Timer.builder(NAME).description("Cinder calls per cloud, operation and outcome (ok, terminal, transient)")
                .tag("cloud", cloud).tag("operation", operation).tag("outcome", outcome(failure)).register(registry)
                .record(took);
    }

    static String outcome(RuntimeException failure) {
        if (failure == null) {
            return "ok";
        }
        if (failure instanceof TerminalCinderException
                || failure instanceof CloudConfigurationException) {
            return "terminal";
        }
        return "transient";
    }
}
