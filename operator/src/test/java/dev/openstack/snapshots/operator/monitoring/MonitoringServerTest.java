package dev.openstack.snapshots.operator.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MonitoringServerTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void servesPrometheusTextAfterRefreshingAndAnswersTheProbesFromTheirChecks() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Counter.builder("sample_reconciliations").register(registry).increment(3);
        AtomicInteger refreshes = new AtomicInteger();
        AtomicBoolean ready = new AtomicBoolean(false);
        try (MonitoringServer server = MonitoringServer.start(0, registry, refreshes::incrementAndGet, () -> true, ready::get)) {
            HttpResponse<String> metrics = get(server, "/metrics");
            assertEquals(200, metrics.statusCode());
            assertTrue(metrics.body().contains("sample_reconciliations_total 3.0"), metrics.body());
            assertEquals(1, refreshes.get());
            assertEquals(200, get(server, "/healthz").statusCode());
            assertEquals(503, get(server, "/readyz").statusCode());
            ready.set(true);
            assertEquals(200, get(server, "/readyz").statusCode());
        }
    }

    private HttpResponse<String> get(MonitoringServer server, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
