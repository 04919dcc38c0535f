package dev.openstack.snapshots.sandbox;

import dev.openstack.snapshots.operator.testing.SimulatorClouds;
import dev.openstack.snapshots.operator.testing.admin.CinderAdmin;
import dev.openstack.snapshots.operator.OperatorSettings;
import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.SnapshotState;
import dev.openstack.snapshots.simulator.faults.RequestLog;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntPredicate;

/**
 * How late expiries fire: N snapshots become OK, then get keptUntil instants a little ahead (half at distinct
 * instants 100 ms apart, half in bursts of 10 sharing one instant). Per snapshot it measures keptUntil to the
 * arrival of the Cinder DELETE at the simulator (its request log) and keptUntil to the object gone from Kubernetes.
 * The sandbox clock is never jumped here, so what fires is the operator's per-object timer (JOSDK reschedule to
 * the keptUntil instant) in real time. Measures and prints; it fails only if an object or a Cinder snapshot stays.
 */
final class ExpiryBenchmark {

    static final Duration SPACING = Duration.ofMillis(100);
    static final int BURST = 10;

    /** Per object name: keptUntil to the Cinder DELETE's arrival, and keptUntil to the object gone. */
    record Result(Map<String, Duration> deleteArrived, Map<String, Duration> objectGone) {
    }

    private ExpiryBenchmark() {
    }

    static int run(SandboxOptions options, PrintStream out) throws InterruptedException {
        int n = options.expirySnapshots();
        // Setting keptUntil on every object must finish before the first one is due, or that one measures the patch.
        Duration lead = Duration.ofSeconds(20).plusMillis(20L * n);
        try {
            measure(n, lead, options.transitionDelay(), out);
            out.println();
            out.println("rerun: java -jar sandbox/target/sandbox.jar --expiry-benchmark " + n
                    + (options.transitionDelay().equals(Duration.ofMillis(200)) ? "" : " --transition-delay "
                    + options.transitionDelay().toMillis() + "ms"));
            return 0;
        } catch (ScenarioFailure e) {
            out.println();
            out.println("FAILED: " + e.getMessage());
            return 1;
        }
    }

    /** Even i: distinct instants SPACING apart; odd i: bursts of BURST objects sharing one instant, one per second. */
    static Instant keptUntil(int i, Instant base) {
        int k = i / 2;
        return i % 2 == 0 ? base.plus(SPACING.multipliedBy(k)) : base.plusSeconds(k / BURST).plusMillis(50);
    }

    static Result measure(int n, Duration lead, Duration transitionDelay, PrintStream out) throws InterruptedException {
        OperatorSettings settings = OperatorSettings.defaults();
        out.printf("Expiry benchmark: %d snapshots, production settings (fast poll %s, slow poll %s, %d reconcile threads), "
                        + "Cinder transitions %d ms, %d CPUs, real time (the sandbox clock is not jumped)%n", n,
                settings.fastPollInterval(), settings.slowPollInterval(), settings.reconcileThreads(),
                transitionDelay.toMillis(), Runtime.getRuntime().availableProcessors());
        try (EmbeddedStack stack = new EmbeddedStack(transitionDelay, settings, true)) {
            KubernetesClient client = stack.client();
            CinderAdmin cloud = CinderAdmin.of(stack.simulator());
            String ns = Benchmark.NAMESPACE;
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
            client.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName("openstack-clouds")
                    .endMetadata().addToStringData("clouds.yaml", SimulatorClouds.yaml(stack.simulator(), "sim")).build()).create();
            List<String> volumes = new ArrayList<>();
            for (int i = 0; i < Benchmark.VOLUMES; i++) {
                volumes.add(cloud.createVolume("bench-" + i, 1));
            }
            Map<String, String> cinderIdOfOk = new ConcurrentHashMap<>();
            Map<String, Instant> goneAt = new ConcurrentHashMap<>();
            SharedIndexInformer<OpenStackSnapshot> informer = client.resources(OpenStackSnapshot.class).inNamespace(ns)
                    .inform(watcher(stack, cinderIdOfOk, goneAt));
            try {
                Benchmark.parallel(n, i -> client.resource(Benchmark.snapshot("snap-" + i, volumes.get(i % Benchmark.VOLUMES))).create());
                Waits.until(n + " snapshots OK", Duration.ofMinutes(30), () -> cinderIdOfOk.size() >= n);
                out.printf("%d snapshots OK%n", n);

                Instant base = stack.clock().instant().plus(lead).truncatedTo(ChronoUnit.MILLIS);
                Map<String, Instant> keptUntil = new ConcurrentHashMap<>();
                Map<String, Instant> patchedAt = new ConcurrentHashMap<>();
                Benchmark.parallel(n, i -> {
                    String name = "snap-" + i;
                    Instant due = keptUntil(i, base);
                    keptUntil.put(name, due);
                    client.resources(OpenStackSnapshot.class).inNamespace(ns).withName(name)
                            .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"keptUntil\":\"" + due + "\"}}");
                    patchedAt.put(name, stack.clock().instant());
                });
                Instant last = keptUntil.values().stream().max(Instant::compareTo).orElseThrow();
                long patchedLate = keptUntil.entrySet().stream().filter(e -> patchedAt.get(e.getKey()).isAfter(e.getValue())).count();
                out.printf("keptUntil set on all %d: window %s .. %s (%.1f s; %d at distinct instants %d ms apart, %d in bursts of %d"
                                + " sharing one instant); last patch %.1f s before the first instant; set after its instant: %d%n",
                        n, base, last, Duration.between(base, last).toMillis() / 1000.0, (n + 1) / 2, SPACING.toMillis(), n / 2,
                        BURST, Duration.between(patchedAt.values().stream().max(Instant::compareTo).orElseThrow(), base).toMillis() / 1000.0,
                        patchedLate);

                Waits.until(n + " objects gone from Kubernetes", Duration.between(stack.clock().instant(), last).plusMinutes(5),
                        () -> goneAt.size() >= n);
                Waits.until("Cinder without snapshots", Duration.ofMinutes(2),
                        () -> ((Number) stack.simulator().controls().state().get("snapshots")).intValue() == 0);
                Result result = result(keptUntil, cinderIdOfOk, goneAt, stack.simulator().controls().requestLog("snapshot.delete"));
                out.println();
                print(out, "keptUntil -> Cinder DELETE arrived", result.deleteArrived(), i -> true);
                print(out, "  at distinct instants", result.deleteArrived(), i -> i % 2 == 0);
                print(out, "  in bursts of " + BURST, result.deleteArrived(), i -> i % 2 == 1);
                print(out, "keptUntil -> object gone from Kubernetes", result.objectGone(), i -> true);
                out.printf("left in Cinder: 0; objects left: 0%n");
                return result;
            } finally {
                informer.close();
            }
        }
    }

    private static Result result(Map<String, Instant> keptUntil, Map<String, String> cinderIdOf, Map<String, Instant> goneAt,
            List<RequestLog.Entry> deletes) {
        Map<String, Instant> firstDelete = new ConcurrentHashMap<>();
        deletes.forEach(e -> firstDelete.putIfAbsent(e.resourceId(), e.at()));
        Map<String, Duration> deleteArrived = new ConcurrentHashMap<>();
        Map<String, Duration> objectGone = new ConcurrentHashMap<>();
        keptUntil.forEach((name, due) -> {
            Instant deleted = firstDelete.get(cinderIdOf.get(name));
            if (deleted == null) {
                throw new ScenarioFailure(name + " went without a Cinder DELETE for " + cinderIdOf.get(name));
            }
            deleteArrived.put(name, Duration.between(due, deleted));
            objectGone.put(name, Duration.between(due, goneAt.get(name)));
        });
        return new Result(deleteArrived, objectGone);
    }

    private static void print(PrintStream out, String what, Map<String, Duration> delays, IntPredicate which) {
        RunFigures r = RunFigures.of(what, Double.NaN, delays.entrySet().stream()
                .filter(e -> which.test(Integer.parseInt(e.getKey().substring("snap-".length()))))
                .map(e -> e.getValue().toNanos() / 1e6).toList());
        if (r.n() == 0) {
            return;
        }
        out.printf("%-42s n %5d  min %6.0f  p50 %6.0f  p90 %6.0f  p99 %6.0f  max %6.0f ms%n", what, r.n(), r.toOkMillis()[0],
                r.percentile(50), r.percentile(90), r.percentile(99), r.max());
    }

    private static ResourceEventHandler<OpenStackSnapshot> watcher(EmbeddedStack stack, Map<String, String> cinderIdOfOk,
            Map<String, Instant> goneAt) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(OpenStackSnapshot s) {
                onUpdate(null, s);
            }

            @Override
            public void onUpdate(OpenStackSnapshot old, OpenStackSnapshot s) {
                if (s.getStatus() != null && s.getStatus().getState() == SnapshotState.OK && s.getStatus().getBackendID() != null) {
                    cinderIdOfOk.putIfAbsent(s.getMetadata().getName(), s.getStatus().getBackendID());
                }
            }

            @Override
            public void onDelete(OpenStackSnapshot s, boolean unknown) {
                goneAt.putIfAbsent(s.getMetadata().getName(), stack.clock().instant());
            }
        };
    }
}
