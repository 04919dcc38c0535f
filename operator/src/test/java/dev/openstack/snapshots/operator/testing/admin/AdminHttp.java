package dev.openstack.snapshots.operator.testing.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Plain JSON over HTTP for the tests' (and the sandbox's) own view of Keystone and Cinder: deliberately not openstack4j and
 * not the adapter under test, so a bug there cannot hide itself in the verification.
 */
public final class AdminHttp {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private AdminHttp() {
    }

    /** An answer: status, the headers we use, and the body as JSON (a missing or non-JSON body is MissingNode). */
    public record Answer(int status, JsonNode body, String subjectToken, String rawBody) {

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        public Answer expectOk(String what) {
            if (!ok()) {
                throw new IllegalStateException(what + " answered HTTP " + status + ": " + rawBody);
            }
            return this;
        }
    }

    public static Answer call(String method, String url, String token, String microversion, Object body) {
        return call(CLIENT, method, url, token, microversion, body);
    }

    /**
     * A call on a connection of its own. Keystone under uwsgi closes every connection after its answer,
     * so a pooled connection may already be dead when reused ("Connection reset").
     */
    public static Answer callOnFreshConnection(String method, String url, Object body) {
        return call(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(), method, url, null, null, body);
    }

    private static Answer call(HttpClient client, String method, String url, String token, String microversion, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(60))
                    .header("Accept", "application/json");
            if (token != null) {
                request.header("X-Auth-Token", token);
            }
            if (microversion != null) {
                request.header("OpenStack-API-Version", "volume " + microversion);
            }
            if (body != null) {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json;
            try {
                json = response.body() == null || response.body().isBlank()
                        ? JSON.missingNode() : JSON.readTree(response.body());
            } catch (IOException notJson) {
                json = JSON.missingNode();
            }
            return new Answer(response.statusCode(), json,
                    response.headers().firstValue("X-Subject-Token").orElse(null), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + method + " " + url, e);
        }
    }
}
