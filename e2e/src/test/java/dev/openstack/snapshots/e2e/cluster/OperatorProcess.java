package dev.openstack.snapshots.e2e.cluster;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The operator as production runs it: {@code java -jar operator/target/openstack-snapshot-operator.jar}, an OS
 * process of its own with a kubeconfig and environment settings, its output in {@code target/operator-logs/NAME.log}
 * (truncated at start, so what a test counts there is this process's alone).
 * It can be stopped politely (SIGTERM, the shutdown hook runs) or killed (SIGKILL, nothing runs).
 */
public final class OperatorProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final int metricsPort;
    private final Path log;

    private OperatorProcess(String name, Process process, int metricsPort, Path log) {
        this.name = name;
        this.process = process;
        this.metricsPort = metricsPort;
        this.log = log;
    }

    /** Starts the jar with {@code KUBECONFIG=kubeconfig} and {@code settings} as its environment (operator settings). */
    public static OperatorProcess start(String name, Path repository, Path kubeconfig, Map<String, String> settings) {
        Path jar = repository.resolve("operator/target/openstack-snapshot-operator.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it first (mvn -pl operator -am package)");
        }
        int port = freePort();
        Path log = Paths.get("target", "operator-logs", name + ".log").toAbsolutePath();
        try {
            Files.createDirectories(log.getParent());
            String java = ProcessHandle.current().info().command().orElse("java");
            ProcessBuilder builder = new ProcessBuilder(java, "-XX:+UseSerialGC", "-Xmx512m", "-jar", jar.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
            Map<String, String> env = builder.environment();
            env.keySet().removeIf(key -> key.startsWith("KUBE") || key.startsWith("OS_"));
            env.put("KUBECONFIG", kubeconfig.toString());
            env.put("METRICS_PORT", Integer.toString(port));
            env.putAll(settings);
            return new OperatorProcess(name, builder.start(), port, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the operator jar", e);
        }
    }

    /** Waits until {@code /readyz} answers 200 (the controllers' informers are synced: this process leads). */
    public OperatorProcess awaitReady(Duration patience) {
        return awaitProbe("/readyz", patience);
    }

    /** Waits until {@code /healthz} answers 200 (started; a follower waiting for the Lease is live, not ready). */
    public OperatorProcess awaitLive(Duration patience) {
        return awaitProbe("/healthz", patience);
    }

    private OperatorProcess awaitProbe(String path, Duration patience) {
        await(name + " " + path + " (log " + log + ")").atMost(patience).pollInterval(Duration.ofMillis(250))
                .failFast(name + " exited (log " + log + ")", () -> !process.isAlive())
                .until(() -> status(path) == 200);
        return this;
    }

    /** How many lines of this process's log contain {@code text}. */
    public long logLines(String text) {
        try (var lines = Files.lines(log)) {
            return lines.filter(line -> line.contains(text)).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String name() {
        return name;
    }

    public int status(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + path))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The Prometheus text of {@code /metrics}. */
    public String metrics() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/metrics"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public boolean alive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    /** SIGKILL: no shutdown hook, no last write; what a crash or an OOM kill does. */
    public void kill() {
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(10));
    }

    /**
     * SIGTERM, as the kubelet stops a pod, and the exit status once the process ended by itself within {@code grace}
     * (143 after a complete shutdown hook), or -1 when it was still running and had to be killed.
     */
    public int terminate(Duration grace) {
        process.destroy();
        if (waitFor(grace)) {
            return process.exitValue();
        }
        kill();
        return -1;
    }

    /** SIGTERM, then SIGKILL after 20 s. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            if (!waitFor(Duration.ofSeconds(20))) {
                kill();
            }
        }
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The settings the e2e suites run with: fast polling while something is transitional, quick retries. */
    public static Map<String, String> e2eSettings() {
        Map<String, String> settings = new HashMap<>();
        settings.put("FAST_POLL_INTERVAL", "1s");
        settings.put("SLOW_POLL_INTERVAL", "10m");
        settings.put("RETRY_INITIAL_INTERVAL", "1s");
        settings.put("RETRY_MAX_INTERVAL", "10s");
        return settings;
    }
}
