package dev.openstack.snapshots.operator.monitoring;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.javaoperatorsdk.operator.RuntimeInfo;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/**
 * The operator's HTTP side, on the JDK's own server: {@code /metrics} (Prometheus text), {@code /healthz} (the
 * operator is started: liveness) and {@code /readyz} (every informer and event source is healthy: readiness).
 */
public final class MonitoringServer implements AutoCloseable {

    private final HttpServer server;

    private MonitoringServer(HttpServer server) {
        this.server = server;
    }

    /** Serves {@code registry}, refreshing {@code objects} before each scrape; probes from the operator's runtime. */
    public static MonitoringServer start(int port, PrometheusMeterRegistry registry, ObjectStateMetrics objects,
            RuntimeInfo runtime) {
        return start(port, registry, objects::refresh, runtime::isStarted, runtime::allEventSourcesAreHealthy);
    }

    static MonitoringServer start(int port, PrometheusMeterRegistry registry, Runnable beforeScrape, BooleanSupplier live,
            BooleanSupplier ready) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
            server.createContext("/metrics", ex -> {
                beforeScrape.run();
                reply(ex, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape());
            });
            server.createContext("/healthz", ex -> probe(ex, live));
            server.createContext("/readyz", ex -> probe(ex, ready));
            server.setExecutor(Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "monitoring-http");
                t.setDaemon(true);
                return t;
            }));
            server.start();
            return new MonitoringServer(server);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on port " + port + " for /metrics, /healthz, /readyz", e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void probe(HttpExchange exchange, BooleanSupplier check) throws IOException {
        boolean ok = check.getAsBoolean();
        reply(exchange, ok ? 200 : 503, "text/plain; charset=utf-8", ok ? "ok\n" : "not ok\n");
    }

    private static void reply(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
