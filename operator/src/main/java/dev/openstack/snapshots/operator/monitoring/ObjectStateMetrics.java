package dev.openstack.snapshots.operator.monitoring;

import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotSchedule;
import dev.openstack.snapshots.operator.api.SnapshotRestoration;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.ResourceCache;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.HashMap;
import java.util.function.Function;

/**
 * Gauges of the operator's objects per kind, namespace and state, and of those held back by transient errors (5xx,
 * timeouts, cloud unreachable), computed when Prometheus scrapes: what the alerts "snapshots Erred" and "cloud
 * unhealthy" need, without a metric per object. Schedules are counted too (an invalid schedule is Erred), and each has
 * its last success and interval ({@link ScheduleRunGauges}).
 *
 * <p>Counted from the controllers' own caches (what each reconciler reads), not from informers of its own: a second
 * cache of every object would double the operator's memory and its list and watch load on the API server.
 */
public final class ObjectStateMetrics {

    private final List<Kind<?>> kinds = new ArrayList<>();
    private final MultiGauge objects;
    private final MultiGauge transientErrors;
    private final ResourceCache<OpenStackSnapshotSchedule> schedules;
    private final ScheduleRunGauges scheduleRuns;

    /** Counts the objects of the three controllers' primary caches ({@code OperatorAssembly.cache}). */
    public ObjectStateMetrics(MeterRegistry registry, Clock clock, ResourceCache<OpenStackSnapshot> snapshots,
            ResourceCache<SnapshotRestoration> restorations, ResourceCache<OpenStackSnapshotSchedule> schedules) {
        kinds.add(new Kind<>("OpenStackSnapshot", snapshots,
                s -> s.getStatus() == null ? null : s.getStatus().getState(),
                s -> s.getStatus() == null ? null : s.getStatus().getConditions()));
        kinds.add(new Kind<>("SnapshotRestoration", restorations,
                r -> r.getStatus() == null ? null : r.getStatus().getState(),
                r -> r.getStatus() == null ? null : r.getStatus().getConditions()));
        this.schedules = schedules;
        kinds.add(new Kind<>("OpenStackSnapshotSchedule", schedules,
                s -> s.getStatus() == null ? null : s.getStatus().getState(),
                s -> s.getStatus() == null ? null : s.getStatus().getConditions()));
        scheduleRuns = new ScheduleRunGauges(registry, clock);
        objects = MultiGauge.builder("openstack_snapshot_operator_objects")
                .description("Objects per kind, namespace and status.state (empty state: not handled yet)").register(registry);
        transientErrors = MultiGauge.builder("openstack_snapshot_operator_objects_transient_error")
                .description("Objects whose Progressing condition has reason TransientError (Cinder 5xx/429, timeout, unreachable)")
                .register(registry);
    }

    /** Recomputes the gauges from the caches; called before each scrape. */
    public void refresh() {
        Map<Tags, Long> byState = new HashMap<>();
        Map<Tags, Long> transientByNamespace = new HashMap<>();
        for (Kind<?> kind : kinds) {
            kind.count(byState, transientByNamespace);
        }
        objects.register(rows(byState), true);
        transientErrors.register(rows(transientByNamespace), true);
        scheduleRuns.refresh(schedules.list().toList());
    }

    private static List<MultiGauge.Row<?>> rows(Map<Tags, Long> counts) {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        counts.forEach((tags, count) -> rows.add(MultiGauge.Row.of(tags, count)));
        return rows;
    }

    private record Kind<T extends HasMetadata>(String name, ResourceCache<T> cache,
            Function<T, Object> state, Function<T, List<Condition>> conditions) {

        void count(Map<Tags, Long> byState, Map<Tags, Long> transientByNamespace) {
            cache.list().forEach(object -> {
                String namespace = object.getMetadata().getNamespace();
                Tags tags = Tags.of("kind", name, "namespace", namespace, "state", Objects.toString(state.apply(object), ""));
                byState.merge(tags, 1L, Long::sum);
                List<Condition> all = conditions.apply(object);
                if (all != null && all.stream().anyMatch(c -> "Progressing".equals(c.getType())
                        && "True".equals(c.getStatus()) && "TransientError".equals(c.getReason()))) {
                    transientByNamespace.merge(Tags.of("kind", name, "namespace", namespace), 1L, Long::sum);
                }
            });
        }
    }
}
