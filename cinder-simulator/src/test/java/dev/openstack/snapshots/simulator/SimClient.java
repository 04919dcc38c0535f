package dev.openstack.snapshots.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Raw HTTP against the simulator, as a client of real Cinder would speak it. */
final class SimClient {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    private final CinderSimulator sim;
    private String token;
    private String microversion;

    SimClient(CinderSimulator sim) {
        this.sim = sim;
    }

    SimClient microversion(String v) {
        SimClient c = new SimClient(sim);
        c.token = token();
        c.microversion = v;
        return c;
    }

    String token() {
        if (token == null) {
            HttpResponse<String> r = keystone(passwordAuth(sim.username(), sim.password()));
            if (r.statusCode() != 201) {
                throw new IllegalStateException("auth failed: " + r.statusCode() + " " + r.body());
            }
            token = r.headers().firstValue("X-Subject-Token").orElseThrow();
        }
        return token;
    }

    static String passwordAuth(String user, String password) {
        return """
                {"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"%s","domain":{"name":"Default"},
                "password":"%s"}}},"scope":{"project":{"name":"admin","domain":{"name":"Default"}}}}}""".formatted(user, password);
    }

    HttpResponse<String> keystone(String body) {
        return send(HttpRequest.newBuilder(URI.create(sim.authUrl() + "/auth/tokens"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpResponse<String> get(String path) {
        return cinder("GET", path, null);
    }

    HttpResponse<String> post(String path, String body) {
        return cinder("POST", path, body);
    }

    HttpResponse<String> put(String path, String body) {
        return cinder("PUT", path, body);
    }

    HttpResponse<String> delete(String path) {
        return cinder("DELETE", path, null);
    }

    HttpResponse<String> cinder(String method, String path, String body) {
        return cinderWithToken(token(), method, path, body);
    }

    HttpResponse<String> cinderWithToken(String tok, String method, String path, String body) {
        String url = path.startsWith("http") ? path : sim.volumeEndpoint() + path;
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("X-Auth-Token", tok)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (microversion != null) {
            b.header("OpenStack-API-Version", "volume " + microversion);
        }
        return send(b);
    }

    HttpResponse<String> control(String method, String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/_sim" + path)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
    }

    static HttpResponse<String> send(HttpRequest.Builder b) {
        try {
            return HTTP.send(b.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> r) {
        return parse(r.body());
    }

    static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates a volume and waits until it is available. */
    String availableVolume(String name, int size) {
        HttpResponse<String> r = post("/volumes", "{\"volume\":{\"name\":\"" + name + "\",\"size\":" + size + "}}");
        if (r.statusCode() != 202) {
            throw new IllegalStateException(r.body());
        }
        String id = json(r).path("volume").path("id").asText();
        awaitStatus("/volumes/" + id, "volume", "available");
        return id;
    }

    String availableSnapshot(String volumeId, String name) {
        HttpResponse<String> r = post("/snapshots", "{\"snapshot\":{\"volume_id\":\"" + volumeId + "\",\"name\":\"" + name + "\"}}");
        if (r.statusCode() != 202) {
            throw new IllegalStateException(r.body());
        }
        String id = json(r).path("snapshot").path("id").asText();
        awaitStatus("/snapshots/" + id, "snapshot", "available");
        return id;
    }

    void awaitStatus(String path, String kind, String status) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> status.equals(json(get(path)).path(kind).path("status").asText()));
    }

    void awaitGone(String path) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> get(path).statusCode() == 404);
    }
}
