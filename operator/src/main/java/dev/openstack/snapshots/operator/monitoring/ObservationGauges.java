package dev.openstack.snapshots.operator.monitoring;

import dev.openstack.snapshots.operator.observation.BulkObservation;
import dev.openstack.snapshots.operator.observation.Coverage;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;

/**
 * How much of Cinder the operator has seen, per resource (snapshot, volume): the ids its objects watch and those no
 * listing has covered since it started. After a restart, or while a cloud cannot be listed, the second is what is not
 * yet (re-)observed; 0 means every object's status was compared with Cinder. Computed at scrape time, one series per
 * resource.
 */
public final class ObservationGauges {

    private ObservationGauges() {
    }

    public static void register(MeterRegistry registry, BulkObservation observation) {
        register(registry, "snapshot", observation::snapshotCoverage);
        register(registry, "volume", observation::volumeCoverage);
    }

    private static void register(MeterRegistry registry, String resource, Supplier<Coverage> coverage) {
        Gauge.builder("openstack_snapshot_operator_cinder_watched", () -> coverage.get().watched())
                .description("Cinder resources the operator's objects manage and the poller watches")
                .tag("resource", resource).register(registry);
        Gauge.builder("openstack_snapshot_operator_cinder_unobserved", () -> coverage.get().unobserved())
                .description("Watched Cinder resources no listing or read has covered since the operator started")
                .tag("resource", resource).register(registry);
    }
}
