package dev.openstack.snapshots.operator.cinder.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * What the contract suite needs beyond the port, over raw HTTP with an admin token: plain volumes,
 * os-reset_status, os-reserve/os-attach, quotas. Works against real Cinder and the simulator alike.
 */
public final class CinderAdmin {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String cinderUrl;
    private final String projectId;
    private final String token;

    private CinderAdmin(String cinderUrl, String projectId, String token) {
        this.cinderUrl = cinderUrl;
        this.projectId = projectId;
        this.token = token;
    }

    /** Password auth scoped to a project by name; the Cinder URL comes from the catalog (public, region). */
    public static CinderAdmin login(String authUrl, String user, String password, String project, String domain, String region) {
        ObjectNode body = MAPPER.createObjectNode();
        ObjectNode identity = body.putObject("auth").putObject("identity");
        identity.putArray("methods").add("password");
        ObjectNode u = identity.putObject("password").putObject("user");
        u.put("name", user).put("password", password).putObject("domain").put("name", domain);
        ((ObjectNode) body.get("auth")).putObject("scope").putObject("project").put("name", project).putObject("domain").put("name", domain);
        HttpClient client = HttpClient.newHttpClient();
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(authUrl + "/auth/tokens"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new IllegalStateException("admin login failed: HTTP " + response.statusCode());
            }
            JsonNode tokenBody = MAPPER.readTree(response.body()).path("token");
            String url = null;
            for (JsonNode service : tokenBody.path("catalog")) {
                String type = service.path("type").asText();
                if (type.equals("volumev3") || type.equals("block-storage")) {
                    for (JsonNode endpoint : service.path("endpoints")) {
                        if (endpoint.path("interface").asText().equals("public")
                                && (region == null || region.equals(endpoint.path("region_id").asText(endpoint.path("region").asText())))) {
                            url = endpoint.path("url").asText();
                        }
                    }
                }
            }
            if (url == null) {
                throw new IllegalStateException("no block-storage endpoint in the catalog");
            }
            return new CinderAdmin(url.replaceAll("/$", ""), tokenBody.path("project").path("id").asText(),
                    response.headers().firstValue("X-Subject-Token").orElseThrow());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("admin login failed", e);
        }
    }

    public String projectId() {
        return projectId;
    }

    /** A plain volume; returns its id (status creating). */
    public String createVolume(String name, int sizeGiB) {
        ObjectNode body = MAPPER.createObjectNode();
        body.putObject("volume").put("name", name).put("size", sizeGiB);
        return send("POST", "/volumes", body, 202).path("volume").path("id").asText();
    }

    public String volumeStatus(String id) {
        JsonNode volume = sendAllowing404("GET", "/volumes/" + id);
        return volume == null ? null : volume.path("volume").path("status").asText();
    }

    public void deleteVolume(String id) {
        sendAllowing404("DELETE", "/volumes/" + id);
    }

    public void deleteSnapshot(String id) {
        sendAllowing404("DELETE", "/snapshots/" + id);
    }

    public void resetVolumeStatus(String id, String status) {
        action("/volumes/" + id + "/action", "os-reset_status", MAPPER.createObjectNode().put("status", status));
    }

    public void resetSnapshotStatus(String id, String status) {
        action("/snapshots/" + id + "/action", "os-reset_status", MAPPER.createObjectNode().put("status", status));
    }

    /** The legacy attach flow (no Nova needed): reserved, then in-use. */
    public void attach(String volumeId) {
        action("/volumes/" + volumeId + "/action", "os-reserve", null);
        action("/volumes/" + volumeId + "/action", "os-attach",
                MAPPER.createObjectNode().put("host_name", "contract-host").put("mountpoint", "/dev/vdb"));
    }

    public void detach(String volumeId) {
        action("/volumes/" + volumeId + "/action", "os-detach", MAPPER.createObjectNode());
    }

    /** The project's snapshot quota: limit and in_use. */
    public int[] snapshotQuota() {
        JsonNode q = send("GET", "/os-quota-sets/" + projectId + "?usage=true", null, 200).path("quota_set").path("snapshots");
        return new int[] {q.path("limit").asInt(), q.path("in_use").asInt()};
    }

    public void setSnapshotQuota(int limit) {
        ObjectNode body = MAPPER.createObjectNode();
        body.putObject("quota_set").put("snapshots", limit);
        send("PUT", "/os-quota-sets/" + projectId, body, 200);
    }

    private void action(String path, String name, JsonNode argument) {
        ObjectNode body = MAPPER.createObjectNode();
        body.set(name, argument == null ? MAPPER.nullNode() : argument);
        send("POST", path, body, -1);
    }

    private JsonNode sendAllowing404(String method, String path) {
        HttpResponse<String> response = raw(method, path, null);
        if (response.statusCode() == 404) {
            return null;
        }
        check(method, path, response, -1);
        return parse(response);
    }

    private JsonNode send(String method, String path, JsonNode body, int expected) {
        HttpResponse<String> response = raw(method, path, body);
        check(method, path, response, expected);
        return parse(response);
    }

    private static void check(String method, String path, HttpResponse<String> response, int expected) {
        int status = response.statusCode();
        if (expected > 0 ? status != expected : status >= 300) {
            throw new IllegalStateException(method + " " + path + " answered " + status + ": " + response.body());
        }
    }

    private static JsonNode parse(HttpResponse<String> response) {
        try {
            return response.body().isBlank() ? MAPPER.nullNode() : MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> raw(String method, String path, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(cinderUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("X-Auth-Token", token)
                .header("OpenStack-API-Version", "volume 3.0")
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.toString()));
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        }
    }
}
