package dev.openstack.snapshots.sandbox;

import dev.openstack.snapshots.operator.OperatorSettings;
import dev.openstack.snapshots.simulator.CinderSimulator;
import dev.openstack.snapshots.simulator.SimulatorConfig;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The benchmark against a running kube-apiserver (e2e/kubernetes-on-loopback.sh, or any cluster the kubeconfig
 * names) instead of the mock: the CRDs applied from crds/, the operator jar as its own process with the production
 * settings (leader election on, Lease in {@code default}), and as Cinder the simulator in this JVM or a real cloud
 * ({@link RealCinder}). kube-apiserver and etcd are found among this machine's processes so that their CPU time is
 * reported too.
 */
final class ClusterStack implements BenchmarkStack {

    private final KubernetesClient client;
    private final CinderSimulator simulator; // null with a real cloud
    private final BenchmarkCinder cinder;
    private final Path kubeconfig;
    private final Path operatorJar;
    private final Path profile;
    private final OperatorSettings settings;
    private final PrintStream out;
    private final List<ProcessCpu> processes = new ArrayList<>();
    private final int metricsPort = freePort();
    /** Scrapes the operator's /metrics, many times a second while a benchmark waits on a gauge. */
    private final java.net.http.HttpClient metricsClient = java.net.http.HttpClient.newHttpClient();
    private OperatorProcess operator;
    private PrintStream operatorLog;

    ClusterStack(Path kubeconfig, Path operatorJar, Path profile, OperatorSettings settings, Duration transitionDelay,
            PrintStream out) {
        this(kubeconfig, operatorJar, profile, settings, transitionDelay, null, out);
    }

    /** With {@code realCloud} null, the simulator in this JVM is the operator's Cinder. */
    ClusterStack(Path kubeconfig, Path operatorJar, Path profile, OperatorSettings settings, Duration transitionDelay,
            RealCinder.Choice realCloud, PrintStream out) {
        this.kubeconfig = kubeconfig;
        this.operatorJar = operatorJar;
        this.profile = profile;
        this.settings = settings;
        this.out = out;
        try {
            client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(kubeconfig))).build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + kubeconfig, e);
        }
        BundledCrds.apply(client, "sandbox-benchmark");
        Waits.until("namespace " + Benchmark.NAMESPACE + " of an earlier run gone", Duration.ofMinutes(3),
                () -> client.namespaces().withName(Benchmark.NAMESPACE).get() == null);
        if (realCloud == null) {
            simulator = CinderSimulator.start(SimulatorConfig.defaults().withTransitionDelay(transitionDelay).withQuotas(-1, -1, -1));
            cinder = new SimulatorCinder(simulator, transitionDelay);
        } else {
            simulator = null;
            cinder = RealCinder.open(realCloud, this::operatorMetrics, out);
        }
        int apiPort = URI.create(client.getConfiguration().getMasterUrl()).getPort();
        Optional<ProcessHandle> apiserver = find("kube-apiserver", "--secure-port", Integer.toString(apiPort));
        apiserver.ifPresent(p -> processes.add(new ProcessCpu("kube-apiserver", p.pid())));
        apiserver.flatMap(p -> argument(p, "--etcd-servers")).map(url -> URI.create(url).toString())
                .flatMap(url -> find("etcd", "--listen-client-urls", url))
                .ifPresent(p -> processes.add(new ProcessCpu("etcd", p.pid())));
        processes.add(new ProcessCpu(simulator != null ? "benchmark (client, informer, simulator)"
                : "benchmark (client, informer; Cinder is not here)", ProcessHandle.current().pid()));
    }

    /**
     * Starts the operator jar as its own process with the production settings, after the physical-limit runs (which
     * must not be reconciled).
     */
    @Override
    public void startOperator() {
        // Named after this process: two benchmarks on one machine would otherwise write into one file.
        Path log = Path.of(System.getProperty("java.io.tmpdir"), "openstack-snapshot-sandbox",
                "benchmark-operator-" + ProcessHandle.current().pid() + ".log");
        try {
            Files.createDirectories(log.getParent());
            if (operatorLog == null) { // a restarted operator writes after the first one
                operatorLog = new PrintStream(new FileOutputStream(log.toFile()), true, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (profile != null) {
            command.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + profile.toAbsolutePath());
        }
        command.addAll(List.of("-jar", operatorJar.toAbsolutePath().toString()));
        Map<String, String> environment = new java.util.HashMap<>(operatorSettingsInEnvironment());
        environment.putAll(Map.of("JAVA_TOOL_OPTIONS", deploymentJvmOptions(),
                "KUBECONFIG", kubeconfig.toAbsolutePath().toString(),
                OperatorSettings.METRICS_PORT.env(), Integer.toString(metricsPort), OperatorSettings.OPERATOR_NAMESPACE.env(), "default",
                OperatorSettings.OBSERVATION.env(), settings.observation().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')));
        operator = OperatorProcess.spawn(new OperatorLaunch(command, environment, operatorLog, operatorJar.toString()), "operator");
        Waits.until("the operator process started (log " + log + ")", Duration.ofMinutes(2), operator::started);
        out.println("operator: pid " + operator.pid() + ", JAVA_TOOL_OPTIONS " + environment.get("JAVA_TOOL_OPTIONS") + ", log " + log);
        processes.add(0, new ProcessCpu("operator", operator.pid()));
    }

    /**
     * Stops the operator as a rollout does (SIGTERM: it lets go of its Lease) and waits for its end; its CPU seconds
     * leave the figures with it. {@link #startOperator()} starts the next one.
     */
    void stopOperator() {
        operator.stop();
        processes.remove(0);
    }

    OperatorProcess operator() {
        return operator;
    }

    /** The operator's /metrics (Prometheus text). */
    String operatorMetrics() {
        try {
            java.net.http.HttpResponse<String> response = metricsClient.send(
                    java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/metrics")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            return response.body();
        } catch (IOException e) {
            return ""; // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The operator settings set in the benchmark's own environment (e.g. {@code RESYNC_INTERVAL=1m}): the operator process
     * gets them, and the benchmark times its windows by them.
     */
    static Map<String, String> operatorSettingsInEnvironment() {
        Map<String, String> set = new java.util.HashMap<>();
        OperatorSettings.KEYS.forEach(key -> {
            String value = System.getenv(key.env());
            if (value != null && !value.isBlank()) {
                set.put(key.env(), value);
            }
        });
        return set;
    }

    /** The JAVA_TOOL_OPTIONS of config/manager/deployment.yaml: the operator's JVM as it runs in a cluster. */
    static String deploymentJvmOptions() {
        io.fabric8.kubernetes.api.model.apps.Deployment deployment = io.fabric8.kubernetes.client.utils.Serialization.unmarshal(
                Bundled.files("manager").get(0).getValue(), io.fabric8.kubernetes.api.model.apps.Deployment.class);
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .filter(e -> e.getName().equals("JAVA_TOOL_OPTIONS")).map(e -> e.getValue()).findFirst()
                .orElseThrow(() -> new IllegalStateException("config/manager/deployment.yaml sets no JAVA_TOOL_OPTIONS"));
    }

    @Override
    public boolean realApiServer() {
        return true;
    }

    /** The process running {@code binary} whose {@code flag} has {@code value}. */
    private static Optional<ProcessHandle> find(String binary, String flag, String value) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/" + binary)).orElse(false))
                .filter(p -> argument(p, flag).map(value::equals).orElse(false))
                .findFirst();
    }

    private static Optional<String> argument(ProcessHandle process, String flag) {
        String[] args = process.info().arguments().orElse(new String[0]);
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(flag) && i + 1 < args.length) {
                return Optional.of(args[i + 1]);
            }
            if (args[i].startsWith(flag + "=")) {
                return Optional.of(args[i].substring(flag.length() + 1));
            }
        }
        return Optional.empty();
    }

    @Override
    public KubernetesClient client() {
        return client;
    }

    @Override
    public CinderSimulator simulator() {
        if (simulator == null) {
            throw new IllegalStateException("this run's Cinder is a real cloud, not the simulator");
        }
        return simulator;
    }

    @Override
    public BenchmarkCinder cinder() {
        return cinder;
    }

    @Override
    public List<ProcessCpu> processes() {
        return processes;
    }

    @Override
    public String operatorMemory() {
        return "operator heap after a full GC " + OperatorHeap.afterFullGc(operator.pid()) + ", process resident set "
                + processes.get(0).residentMiB() + " MiB (default JVM heap sizing), " + OperatorHeap.threadsStarted(operator.pid())
                + " threads started since the process began";
    }

    @Override
    public void close() {
        if (operator != null) {
            operator.stop();
        }
        client.namespaces().withName(Benchmark.NAMESPACE).delete();
        try {
            cinder.close();
        } finally {
            if (simulator != null) {
                simulator.close();
            }
            client.close();
            if (operatorLog != null) {
                operatorLog.close();
            }
        }
    }
}
