package dev.openstack.snapshots.sandbox;

import dev.openstack.snapshots.operator.testing.admin.CinderAdmin;
import dev.openstack.snapshots.operator.OperatorSettings;
import dev.openstack.snapshots.operator.api.CloudCredentialsRef;
import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotSpec;
import dev.openstack.snapshots.operator.api.SnapshotState;
import dev.openstack.snapshots.operator.api.SourceVolume;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * N snapshots through create -> OK -> delete against the embedded stack with the production settings: throughput,
 * time-to-OK percentiles, Cinder requests per poll interval (listing cost grows with pages, not objects) and heap.
 * With a kubeconfig, against a real kube-apiserver with the operator as its own process, and with {@code --cloud}
 * against a real Cinder instead of the simulator. Measures and prints; it asserts nothing about speed.
 */
final class Benchmark {

    static final String NAMESPACE = "bench";
    static final int VOLUMES = 10;

    private Benchmark() {
    }

    static int run(SandboxOptions options, PrintStream out) throws InterruptedException {
        int n = options.benchmarkSnapshots();
        Map<String, String> env = new java.util.HashMap<>(ClusterStack.operatorSettingsInEnvironment());
        env.put(OperatorSettings.OBSERVATION.env(), options.observation());
        OperatorSettings settings = OperatorSettings.from(env);
        RealCinder.Choice realCloud = null;
        if (options.cloud() != null) {
            java.util.Optional<java.nio.file.Path> file = PortLatencyBenchmark.cloudsYaml(System.getenv("OS_CLIENT_CONFIG_FILE"));
            if (file.isEmpty()) {
                System.err.println("no clouds.yaml: set OS_CLIENT_CONFIG_FILE or put one in " + PortLatencyBenchmark.CLOUDS_YAML_PLACES);
                return 2;
            }
            realCloud = new RealCinder.Choice(file.get(), options.cloud(), options.adminCloud());
        }
        out.printf("Benchmark: %d snapshots, production settings (fast poll %s, slow poll %s, page %d, %d reconcile threads, "
                        + "observation %s), %d CPUs, max heap %d MiB, load average %.2f%n", n, settings.fastPollInterval(),
                settings.slowPollInterval(), settings.pollPageSize(), settings.reconcileThreads(), options.observation(),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        try (BenchmarkStack stack = options.kubeconfig() == null
                ? new EmbeddedStack(options.transitionDelay(), settings, true)
                : new ClusterStack(options.kubeconfig(), options.operatorJar(), options.profile(), settings,
                        options.transitionDelay(), realCloud, out)) {
            KubernetesClient client = stack.client();
            BenchmarkCinder cinder = stack.cinder();
            CinderAdmin cloud = cinder.admin();
            out.println("Cinder: " + cinder.describe());
            // At most N snapshots at once (the direct run's are gone before the operator's are made), 1 GiB each.
            cinder.makeRoom(n, VOLUMES, VOLUMES + n);
            List<String> volumes = prepare(stack);
            List<RunFigures> limits = new ArrayList<>();
            if (stack.realApiServer()) {
                out.printf("the physical limit first, without the operator: %d creates + 2 status writes each against the API"
                        + " server, then %d snapshot creates straight to Cinder (%d at a time)...%n", n, n,
                        settings.openStack().maxConcurrentCalls());
                limits.add(ApiFloor.run(client, volumes, n));
                limits.add(DirectLimit.run(cloud, volumes, n, settings.openStack().maxConcurrentCalls()));
                stack.startOperator();
            }
            out.println(options.kubeconfig() == null ? "Kubernetes: fabric8's mock server, the operator in this JVM"
                    : "Kubernetes: " + stack.client().getConfiguration().getMasterUrl() + ", the operator as its own process");
            Map<ProcessCpu, Double> cpuAtStart = new java.util.LinkedHashMap<>();
            stack.processes().forEach(p -> cpuAtStart.put(p, p.cpuSeconds()));
            ApiServerRequests requestsAtStart = stack.realApiServer() ? ApiServerRequests.read(client) : null;
            double jitAtStart = stack.realApiServer() ? jitSeconds(stack.processes().get(0)) : 0;
            double gcAtStart = stack.realApiServer() ? gcSeconds(stack.processes().get(0)) : 0;
            Map<String, Long> createdAt = new ConcurrentHashMap<>();
            Map<String, Long> okAt = new ConcurrentHashMap<>();
            Map<String, Long> goneAt = new ConcurrentHashMap<>();
            SharedIndexInformer<OpenStackSnapshot> informer = client.resources(OpenStackSnapshot.class).inNamespace(NAMESPACE)
                    .inform(watcher(okAt, goneAt));
            Map<String, Long> callsAtStart = cinder.calls(); // the direct limit's calls, on the simulator, stay out
            RequestSampler sampler = new RequestSampler(cinder, settings.fastPollInterval());
            sampler.start(callsAtStart);

            long start = System.nanoTime();
            parallel(n, i -> {
                String name = "snap-" + i;
                createdAt.put(name, System.nanoTime());
                client.resource(snapshot(name, volumes.get(i % VOLUMES), cinder.cloudName())).create();
            });
            long created = System.nanoTime();
            Waits.until(n + " snapshots OK", Duration.ofMinutes(30), () -> okAt.size() >= n);
            long allOk = System.nanoTime();
            sampler.mark("all OK");
            String memory = stack.operatorMemory();
            // Steady state: nothing transitional, so one slow interval holds one poll round (pages, or a GET per object).
            Waits.pause(settings.fastPollInterval());
            long steadyCalls = -callCount(cinder);
            Waits.pause(settings.slowPollInterval());
            steadyCalls += callCount(cinder);
            double steadyPerHour = steadyCalls * 3600.0 / settings.slowPollInterval().toSeconds();
            sampler.mark("steady");

            long deleteStart = System.nanoTime();
            parallel(n, i -> client.resources(OpenStackSnapshot.class).inNamespace(NAMESPACE).withName("snap-" + i).delete());
            Waits.until(n + " snapshots gone", Duration.ofMinutes(30), () -> goneAt.size() >= n);
            long allGone = System.nanoTime();
            ApiServerRequests requests = requestsAtStart == null ? null : ApiServerRequests.read(client).since(requestsAtStart);
            Map<String, Long> cinderCalls = since(cinder.calls(), callsAtStart);
            sampler.stop();
            informer.close();
            long leftInCinder = cloud.snapshots().size();

            RunFigures operator = RunFigures.of("operator", secs(start, allOk),
                    createdAt.entrySet().stream().map(e -> (okAt.get(e.getKey()) - e.getValue()) / 1e6).toList());
            out.println();
            out.printf("created %d objects in %.1f s (%.0f/s through the Kubernetes API)%n", n, secs(start, created), n / secs(start, created));
            out.printf("all OK %.1f s after the first create: %.1f snapshots/s end to end%n", secs(start, allOk), n / secs(start, allOk));
            out.printf("time to OK (ms): p50 %.0f  p90 %.0f  p99 %.0f  max %.0f%n", operator.percentile(50),
                    operator.percentile(90), operator.percentile(99), operator.max());
            if (!limits.isEmpty()) {
                RunFigures limit = RunFigures.limit(limits.get(0), limits.get(1));
                out.println();
                RunFigures.printTable(out, operator, limits.get(0), limits.get(1), limit);
                out.printf("operator / limit: time to all OK %.2f, throughput %.2f; p99 time to OK %.0f ms over the limit's%n",
                        operator.allOkSeconds() / limit.allOkSeconds(), limit.throughput() / operator.throughput(),
                        operator.percentile(99) - limit.percentile(99));
                out.println();
            }
            out.printf("deleted all (Cinder delete, wait until gone, finalizer released) in %.1f s: %.1f/s; left in Cinder: %d%s%n",
                    secs(deleteStart, allGone), n / secs(deleteStart, allGone), leftInCinder,
                    " (a listing of project " + cloud.projectId() + ", all snapshots in it)");
            out.printf("with %d snapshots OK: %s%n", n, memory);
            out.println("CPU seconds per process over the run (create, steady state, delete):");
            cpuAtStart.forEach((p, before) -> out.printf("  %-45s %7.1f s  (%.2f ms per snapshot lifecycle)%n", p.role() + " [pid " + p.pid() + "]",
                    p.cpuSeconds() - before, (p.cpuSeconds() - before) * 1000 / n));
            if (stack.realApiServer()) {
                ProcessCpu operatorProcess = stack.processes().get(0);
                double jit = jitSeconds(operatorProcess) - jitAtStart;
                double gc = gcSeconds(operatorProcess) - gcAtStart;
                double total = operatorProcess.cpuSeconds() - cpuAtStart.get(operatorProcess);
                out.printf("  of the operator's: JIT compiler threads %.1f s, GC threads %.1f s; the rest (reconcilers, watches,"
                        + " pollers, HTTP) %.1f s = %.2f ms per snapshot lifecycle%n", jit, gc, total - jit - gc,
                        (total - jit - gc) * 1000 / n);
            }
            if (requests != null) {
                printKubernetesRequests(out, requests, n);
            }
            out.printf("Cinder calls per object over the run: %s (%s)%n", perObject(cinderCalls, n), cinder.callsSource());
            out.printf("steady state (all OK, observation %s): %d Cinder calls in one slow interval of %s = %.0f calls per hour%n",
                    options.observation(), steadyCalls, settings.slowPollInterval(), steadyPerHour);
            out.println();
            sampler.print(out);
            out.println();
            out.println("rerun: java -jar sandbox/target/sandbox.jar " + String.join(" ", rerunArguments(options)));
            return leftInCinder == 0 ? 0 : 1;
        }
    }

    /** The benchmark's namespace, its clouds.yaml Secret for the stack's Cinder and the source volumes; returns their ids. */
    static List<String> prepare(BenchmarkStack stack) {
        KubernetesClient client = stack.client();
        BenchmarkCinder cinder = stack.cinder();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build()).create();
        client.secrets().inNamespace(NAMESPACE).resource(new SecretBuilder().withNewMetadata().withName("openstack-clouds")
                .endMetadata().addToStringData("clouds.yaml", cinder.cloudsYaml()).build()).create();
        List<String> volumes = new ArrayList<>();
        for (int i = 0; i < VOLUMES; i++) {
            volumes.add(cinder.sourceVolume("bench-" + i));
        }
        return volumes;
    }

    /** The options that run this benchmark again, as given on the command line. */
    static List<String> rerunArguments(SandboxOptions options) {
        List<String> args = new ArrayList<>(List.of("--benchmark", Integer.toString(options.benchmarkSnapshots())));
        if (options.kubeconfig() != null) {
            args.addAll(List.of("--kubeconfig", options.kubeconfig().toString()));
        }
        if (options.cloud() != null) {
            args.addAll(List.of("--cloud", options.cloud()));
        }
        if (options.adminCloud() != null) {
            args.addAll(List.of("--admin-cloud", options.adminCloud()));
        }
        if (!options.observation().equals("bulk")) {
            args.addAll(List.of("--observation", options.observation()));
        }
        return args;
    }

    /** {@code now - before} per key. */
    static Map<String, Long> since(Map<String, Long> now, Map<String, Long> before) {
        Map<String, Long> delta = new TreeMap<>();
        now.forEach((k, v) -> delta.put(k, v - before.getOrDefault(k, 0L)));
        return delta;
    }

    /** The API server's count of what the run cost it, per object, without the benchmark's own create and delete. */
    private static void printKubernetesRequests(PrintStream out, ApiServerRequests r, int n) {
        String kind = "openstacksnapshots";
        long status = r.statusWrites(kind);
        long object = r.objectWrites(kind);
        long events = r.eventWrites();
        long userCreatesAndDeletes = r.get("POST", kind) + r.get("DELETE", kind);
        long other = r.allWrites() - status - object - events - userCreatesAndDeletes;
        out.printf("Kubernetes writes per object lifecycle by the operator (kube-apiserver's apiserver_request_total): "
                        + "%.2f = status %.2f + finalizer/metadata %.2f + other %.2f; events %.2f; reads (GET, LIST) %.2f%n",
                (status + object + other) / (double) n, status / (double) n, object / (double) n, other / (double) n,
                events / (double) n, r.reads() / (double) n);
        out.printf("  (the benchmark's own: %d creates, %d deletes; all requests by verb and resource: %s)%n",
                r.get("POST", kind), r.get("DELETE", kind), new TreeMap<>(r.counts()));
    }

    private static double jitSeconds(ProcessCpu process) {
        return process.cpuSecondsOfThreads(name -> name.contains("CompilerThre"));
    }

    private static double gcSeconds(ProcessCpu process) {
        return process.cpuSecondsOfThreads(name -> name.startsWith("GC Thread") || name.startsWith("G1 "));
    }

    private static long callCount(BenchmarkCinder cinder) {
        return cinder.calls().values().stream().mapToLong(Long::longValue).sum();
    }

    static String perObject(Map<String, Long> counts, int n) {
        StringBuilder b = new StringBuilder();
        new TreeMap<>(counts).forEach((op, count) -> {
            if (count > 0) {
                b.append(b.length() == 0 ? "" : ", ").append(op).append(' ').append(String.format("%.2f", count / (double) n));
            }
        });
        return b.toString();
    }

    static ResourceEventHandler<OpenStackSnapshot> watcher(Map<String, Long> okAt, Map<String, Long> goneAt) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(OpenStackSnapshot s) {
                onUpdate(null, s);
            }

            @Override
            public void onUpdate(OpenStackSnapshot old, OpenStackSnapshot s) {
                if (s.getStatus() != null && s.getStatus().getState() == SnapshotState.OK) {
                    okAt.putIfAbsent(s.getMetadata().getName(), System.nanoTime());
                }
            }

            @Override
            public void onDelete(OpenStackSnapshot s, boolean unknown) {
                goneAt.putIfAbsent(s.getMetadata().getName(), System.nanoTime());
            }
        };
    }

    static OpenStackSnapshot snapshot(String name, String volumeId) {
        return snapshot(name, volumeId, "sim");
    }

    /** A snapshot of {@code volumeId} in the cloud {@code cloud} of the benchmark's Secret. */
    static OpenStackSnapshot snapshot(String name, String volumeId, String cloud) {
        OpenStackSnapshot s = new OpenStackSnapshot();
        s.getMetadata().setName(name);
        s.getMetadata().setNamespace(NAMESPACE);
        OpenStackSnapshotSpec spec = new OpenStackSnapshotSpec();
        spec.setCloudCredentialsRef(new CloudCredentialsRef("openstack-clouds", cloud));
        spec.setSourceVolume(SourceVolume.byId(volumeId));
        s.setSpec(spec);
        return s;
    }

    interface Task {
        void run(int i);
    }

    static void parallel(int n, Task task) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> task.run(index)));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw new ScenarioFailure("Kubernetes API refused a request: " + e.getCause());
        } finally {
            pool.shutdown();
        }
    }

    static double secs(long from, long to) {
        return (to - from) / 1e9;
    }

    /** Cinder requests per fast-poll interval, from the counters of the run's Cinder. */
    private static final class RequestSampler {

        private final BenchmarkCinder cinder;
        private final Duration interval;
        private final List<Map<String, Long>> deltas = new ArrayList<>();
        private final List<String> marks = new ArrayList<>();
        private final java.util.concurrent.ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        private Map<String, Long> last = Map.of();
        private String pendingMark = "";

        RequestSampler(BenchmarkCinder cinder, Duration interval) {
            this.cinder = cinder;
            this.interval = interval;
        }

        synchronized void start(Map<String, Long> baseline) {
            last = baseline;
            timer.scheduleAtFixedRate(this::sample, interval.toMillis(), interval.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        }

        synchronized void mark(String what) {
            pendingMark = what;
        }

        private synchronized void sample() {
            Map<String, Long> now = cinder.calls();
            deltas.add(since(now, last));
            last = now;
            marks.add(pendingMark);
            pendingMark = "";
        }

        void stop() {
            timer.shutdown();
            sample();
        }

        synchronized void print(PrintStream out) {
            List<String> ops = cinder.callColumns();
            if (cinder instanceof SimulatorCinder) {
                out.printf("Cinder requests per %d ms interval. Each create also makes one snapshot.list (the adopt-before-create"
                        + " lookup by owner tag) and one volume.get (the source); after that only the poller lists, page by page;"
                        + " a get per object would show in snapshot.get:%n", interval.toMillis());
            } else {
                out.printf("The operator's Cinder calls per %d ms interval (%s):%n", interval.toMillis(),
                        cinder.callsSource());
            }
            out.printf("%8s", "t(s)");
            ops.forEach(op -> out.printf(" %16s", op));
            out.println();
            int idle = 0;
            for (int i = 0; i < deltas.size(); i++) {
                Map<String, Long> d = deltas.get(i);
                boolean quiet = ops.stream().allMatch(op -> d.getOrDefault(op, 0L) == 0) && marks.get(i).isEmpty();
                if (quiet) {
                    idle++;
                    continue;
                }
                if (idle > 0) {
                    out.printf("%8s  (%d intervals without any request)%n", "", idle);
                    idle = 0;
                }
                out.printf("%8.0f", (i + 1) * interval.toMillis() / 1000.0);
                ops.forEach(op -> out.printf(" %16d", d.getOrDefault(op, 0L)));
                out.println(marks.get(i).isEmpty() ? "" : "   <- " + marks.get(i));
            }
        }
    }
}
