package dev.openstack.snapshots.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openstack.snapshots.simulator.CinderSimulator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a cloud user does next to the operator, over the simulator's Keystone + Cinder HTTP API: create source
 * volumes, take a snapshot by hand (to import it), and look at what Cinder holds.
 */
final class CloudAdmin {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CinderSimulator simulator;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String token;

    CloudAdmin(CinderSimulator simulator) {
        this.simulator = simulator;
    }

    /** Creates a volume and waits until Cinder reports it available; returns its id. */
    String createVolume(String name, int sizeGiB) {
        String id = call("POST", "/volumes", Map.of("volume", Map.of("name", name, "size", sizeGiB)))
                .path("volume").path("id").asText();
        Waits.until("volume " + name + " available", Duration.ofSeconds(30),
                () -> "available".equals(volume(id).map(v -> v.path("status").asText()).orElse("")));
        return id;
    }

    /** Takes a snapshot directly in Cinder (not through Kubernetes) and waits until it is available. */
    String createSnapshot(String volumeId, String name) {
        String id = call("POST", "/snapshots", Map.of("snapshot", Map.of("volume_id", volumeId, "name", name)))
                .path("snapshot").path("id").asText();
        Waits.until("snapshot " + name + " available", Duration.ofSeconds(30),
                () -> "available".equals(snapshot(id).map(s -> s.path("status").asText()).orElse("")));
        return id;
    }

    /** Asks Cinder for a snapshot and returns its id at once, without waiting for it to become available. */
    String requestSnapshot(String volumeId, String name) {
        return call("POST", "/snapshots", Map.of("snapshot", Map.of("volume_id", volumeId, "name", name)))
                .path("snapshot").path("id").asText();
    }

    void deleteSnapshot(String id) {
        HttpResponse<String> response = send("DELETE", "/snapshots/" + id, null);
        if (response.statusCode() != 202 && response.statusCode() != 404) {
            throw new IllegalStateException("DELETE /snapshots/" + id + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    Optional<JsonNode> snapshot(String id) {
        return get("/snapshots/" + id).map(n -> n.path("snapshot"));
    }

    Optional<JsonNode> volume(String id) {
        return get("/volumes/" + id).map(n -> n.path("volume"));
    }

    Map<String, String> snapshotMetadata(String id) {
        Map<String, String> metadata = new java.util.TreeMap<>();
        snapshot(id).ifPresent(s -> s.path("metadata").fields().forEachRemaining(e -> metadata.put(e.getKey(), e.getValue().asText())));
        return metadata;
    }

    /** Snapshot count in Cinder (first page of up to 1000 is enough for the demo's handful). */
    List<JsonNode> snapshots() {
        List<JsonNode> all = new java.util.ArrayList<>();
        call("GET", "/snapshots/detail?limit=1000", null).path("snapshots").forEach(all::add);
        return all;
    }

    /** Every snapshot or volume ({@code collection} "snapshots" or "volumes") in detail, page by page. */
    List<JsonNode> all(String collection) {
        List<JsonNode> all = new java.util.ArrayList<>();
        String marker = null;
        while (true) {
            JsonNode page = call("GET", "/" + collection + "/detail?limit=1000" + (marker == null ? "" : "&marker=" + marker), null)
                    .path(collection);
            page.forEach(all::add);
            if (page.size() < 1000) {
                return all;
            }
            marker = page.get(page.size() - 1).path("id").asText();
        }
    }

    private Optional<JsonNode> get(String path) {
        HttpResponse<String> response = send("GET", path, null);
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        return Optional.of(parse("GET", path, response));
    }

    private JsonNode call(String method, String path, Object body) {
        return parse(method, path, send(method, path, body));
    }

    private static JsonNode parse(String method, String path, HttpResponse<String> response) {
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        try {
            return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " answered no JSON", e);
        }
    }

    private HttpResponse<String> send(String method, String path, Object body) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(simulator.volumeEndpoint() + path))
                    .header("X-Auth-Token", token()).header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .timeout(Duration.ofSeconds(30)).build();
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private synchronized String token() throws IOException, InterruptedException {
        if (token == null) {
            Map<String, Object> body = Map.of("auth", Map.of(
                    "identity", Map.of("methods", List.of("password"), "password", Map.of("user", Map.of(
                            "name", simulator.username(), "password", simulator.password(),
                            "domain", Map.of("name", simulator.domainName())))),
                    "scope", Map.of("project", Map.of("name", simulator.projectName(),
                            "domain", Map.of("name", simulator.domainName())))));
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(simulator.authUrl() + "/auth/tokens"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                    HttpResponse.BodyHandlers.ofString());
            token = response.headers().firstValue("X-Subject-Token")
                    .orElseThrow(() -> new IllegalStateException("Keystone refused the sandbox: " + response.statusCode()));
        }
        return token;
    }
}
