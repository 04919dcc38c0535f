package dev.openstack.snapshots.sandbox;

import dev.openstack.snapshots.operator.OperatorSettings;
import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.status.Conditions;
import dev.openstack.snapshots.operator.testing.admin.CinderAdmin;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operator restarted with N OK snapshots, as a rollout restarts it: SIGTERM to the running process (it lets go of
 * its Lease), then a new process. Measures how long until every object is re-observed - its Cinder snapshot covered
 * by a listing of the new process, read from the operator's own /metrics - and what that cost: Cinder calls (against
 * the pages one listing takes), creates (must be 0), Kubernetes requests, the new process's CPU. Then deletes all and
 * checks that nothing is left in Cinder. Measures and prints; asserts nothing about speed.
 */
final class RestartBenchmark {

    private static final Pattern GAUGE = Pattern.compile(
            "^openstack_snapshot_operator_cinder_(watched|unobserved)\\{resource=\"snapshot\"} ([0-9.eE+]+)$", Pattern.MULTILINE);

    private RestartBenchmark() {
    }

    static int run(SandboxOptions options, PrintStream out) throws InterruptedException {
        int n = options.benchmarkSnapshots();
        OperatorSettings settings = OperatorSettings.from(ClusterStack.operatorSettingsInEnvironment());
        out.printf("Restart benchmark: %d OK snapshots, then the operator restarted (production settings: fast poll %s,"
                        + " slow poll %s, page %d), Cinder transitions %d ms, %d CPUs%n", n, settings.fastPollInterval(),
                settings.slowPollInterval(), settings.pollPageSize(), options.transitionDelay().toMillis(),
                Runtime.getRuntime().availableProcessors());
        try (ClusterStack stack = new ClusterStack(options.kubeconfig(), options.operatorJar(), options.profile(), settings,
                options.transitionDelay(), out)) {
            KubernetesClient client = stack.client();
            CinderAdmin cloud = CinderAdmin.of(stack.simulator());
            List<String> volumes = Benchmark.prepare(stack);
            stack.startOperator();
            Map<String, Long> okAt = new ConcurrentHashMap<>();
            Map<String, Long> goneAt = new ConcurrentHashMap<>();
            SharedIndexInformer<OpenStackSnapshot> informer = client.resources(OpenStackSnapshot.class)
                    .inNamespace(Benchmark.NAMESPACE).inform(Benchmark.watcher(okAt, goneAt));
            long start = System.nanoTime();
            Benchmark.parallel(n, i -> client.resource(Benchmark.snapshot("snap-" + i, volumes.get(i % Benchmark.VOLUMES))).create());
            Waits.until(n + " snapshots OK", Duration.ofMinutes(30), () -> okAt.size() >= n);
            out.printf("%d snapshots OK %.1f s after the first create%n", n, Benchmark.secs(start, System.nanoTime()));
            // Let the poller settle into its slow interval: nothing transitional is left.
            Waits.pause(settings.fastPollInterval().multipliedBy(2));

            long snapshotsBefore = cloud.snapshots().size();
            stack.simulator().controls().resetCounters();
            ApiServerRequests requestsBefore = ApiServerRequests.read(client);
            long restart = System.nanoTime();
            stack.stopOperator();
            long stopped = System.nanoTime();
            stack.startOperator();
            OperatorProcess next = stack.operator();
            long started = System.nanoTime();
            int[] coverage = {0, -1};
            Waits.until("every snapshot re-observed by the new operator process", Duration.ofMinutes(10), () -> {
                String metrics = stack.operatorMetrics();
                coverage[0] = gauge(metrics, "watched");
                coverage[1] = gauge(metrics, "unobserved");
                return coverage[0] >= n && coverage[1] == 0;
            });
            long reobserved = System.nanoTime();
            double cpu = stack.processes().get(0).cpuSeconds();
            Map<String, Long> calls = new TreeMap<>(stack.simulator().controls().counters());
            calls.values().removeIf(count -> count == 0);
            calls.keySet().removeIf(op -> op.startsWith("_"));
            ApiServerRequests requests = ApiServerRequests.read(client).since(requestsBefore);
            long notReady = informer.getStore().list().stream().filter(s -> s.getStatus() == null
                    || !Conditions.find(s.getStatus().getConditions(), Conditions.READY)
                    .map(c -> "True".equals(c.getStatus())).orElse(false)).count();
            long creates = calls.getOrDefault("snapshot.create", 0L);
            long total = calls.values().stream().mapToLong(Long::longValue).sum();
            int pageSize = settings.pollPageSize();
            long pages = snapshotsBefore / pageSize + 1; // a full last page still has a next link: one more, empty

            out.println();
            out.printf("restart: the old process ended %.1f s after SIGTERM; the new one logged that it runs %.1f s after its"
                            + " start; every object re-observed %.1f s after that (%.1f s after SIGTERM)%n",
                    Benchmark.secs(restart, stopped), Benchmark.secs(stopped, started), Benchmark.secs(started, reobserved),
                    Benchmark.secs(restart, reobserved));
            out.printf("  objects re-observed %d of %d (the operator's openstack_snapshot_operator_cinder_unobserved 0);"
                    + " not Ready=True: %d%n", coverage[0], n, notReady);
            out.printf("  Cinder calls until then: %d = %s; creates %d; one listing of the %d snapshots in Cinder takes %d pages"
                    + " of %d, so calls - pages = %d%n", total, calls, creates, snapshotsBefore, pages, pageSize, total - pages);
            out.printf("  Kubernetes requests until then: writes %d (status %d, object %d, events %d), reads (GET, LIST) %d%n",
                    requests.allWrites(), requests.statusWrites("openstacksnapshots"), requests.objectWrites("openstacksnapshots"),
                    requests.eventWrites(), requests.reads());
            out.printf("  (by verb and resource: %s)%n", new TreeMap<>(requests.counts()));
            out.printf("  new operator process CPU until then: %.1f s (JVM start included), pid %d%n", cpu, next.pid());
            out.println();

            Benchmark.parallel(n, i -> client.resources(OpenStackSnapshot.class).inNamespace(Benchmark.NAMESPACE)
                    .withName("snap-" + i).delete());
            Waits.until(n + " snapshots gone", Duration.ofMinutes(30), () -> goneAt.size() >= n);
            informer.close();
            long left = cloud.snapshots().size();
            out.printf("deleted all; left in Cinder: %d%n", left);
            out.println("rerun: java -jar sandbox/target/sandbox.jar --benchmark " + n + " --kubeconfig FILE --restart");
            return left == 0 && creates == 0 && notReady == 0 ? 0 : 1;
        }
    }

    /** The value of the operator's snapshot gauge {@code which}, or -1 while /metrics does not show it. */
    private static int gauge(String metrics, String which) {
        Matcher m = GAUGE.matcher(metrics);
        while (m.find()) {
            if (m.group(1).equals(which)) {
                return (int) Double.parseDouble(m.group(2));
            }
        }
        return -1;
    }
}
