package dev.openstack.snapshots.operator.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openstack.snapshots.simulator.CinderSimulator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;

/**
 * What a cloud administrator does around the operator, over the simulator's HTTP API: create and
 * attach source volumes, reset statuses. (The Cinder port has no plain volume create on purpose.)
 */
public final class SimulatorAdmin {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CinderSimulator simulator;
    private final HttpClient http = HttpClient.newHttpClient();
    private String token;

    public SimulatorAdmin(CinderSimulator simulator) {
        this.simulator = simulator;
    }

    /** Creates a volume and waits until it is available; returns its id. */
    public String createVolume(String name, int sizeGiB) {
        JsonNode created = call("POST", "/volumes", Map.of("volume", Map.of("name", name, "size", sizeGiB)));
        String id = created.path("volume").path("id").asText();
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(25))
                .until(() -> "available".equals(call("GET", "/volumes/" + id, null).path("volume").path("status").asText()));
        return id;
    }

    /** Whether Cinder still has the volume (any status), by a direct GET. */
    public boolean volumeExists(String volumeId) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(simulator.volumeEndpoint() + "/volumes/"
                    + volumeId)).header("X-Auth-Token", token()).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200 && r.statusCode() != 404) {
                throw new IllegalStateException("GET /volumes/" + volumeId + ": " + r.statusCode() + " " + r.body());
            }
            return r.statusCode() == 200;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Attaches the volume to a pretend host: it becomes in-use. */
    public void attachVolume(String volumeId) {
        call("POST", "/volumes/" + volumeId + "/action",
                Map.of("os-attach", Map.of("host_name", "test-host", "mountpoint", "/dev/vdb")));
    }

    public void resetSnapshotStatus(String snapshotId, String status) {
        call("POST", "/snapshots/" + snapshotId + "/action", Map.of("os-reset_status", Map.of("status", status)));
    }

    private synchronized String token() throws IOException, InterruptedException {
        if (token == null) {
            Map<String, Object> body = Map.of("auth", Map.of(
                    "identity", Map.of("methods", new String[] {"password"}, "password", Map.of("user", Map.of(
                            "name", simulator.username(), "password", simulator.password(),
                            "domain", Map.of("name", simulator.domainName())))),
                    "scope", Map.of("project", Map.of("name", simulator.projectName(),
                            "domain", Map.of("name", simulator.domainName())))));
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(simulator.authUrl() + "/auth/tokens"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                    HttpResponse.BodyHandlers.ofString());
            token = r.headers().firstValue("X-Subject-Token").orElseThrow(() -> new IllegalStateException(r.body()));
        }
        return token;
    }

    private JsonNode call(String method, String path, Object body) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(simulator.volumeEndpoint() + path))
                    .header("X-Auth-Token", token()).header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + path + ": " + r.statusCode() + " " + r.body());
            }
            return r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
