package dev.openstack.snapshots.e2e;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tests' own hands and eyes in Cinder (v3, microversion 3.0): makes the fixtures the operator works
 * on and checks what the operator did, over plain REST.
 */
public final class RawCinder {

    private static final String MICROVERSION = "3.0";
    static final Duration TRANSITION = Duration.ofSeconds(120);

    private final CloudEntry cloud;
    private volatile RawSession session;

    public RawCinder(CloudEntry cloud) {
        this.cloud = cloud;
        this.session = KeystoneLogin.login(cloud);
    }

    public RawSession session() {
        return session;
    }

    public String projectId() {
        return session.projectId();
    }

    // --- volumes -----------------------------------------------------------------------------------

    public String createVolume(String name, int sizeGiB) {
        JsonNode volume = call("POST", "/volumes", Map.of("volume", Map.of("name", name, "size", sizeGiB)))
                .expectOk("create volume " + name).body().path("volume");
        return volume.path("id").asText();
    }

    public String createAvailableVolume(String name) {
        String id = createVolume(name, 1);
        awaitVolumeStatus(id, "available");
        return id;
    }

    public Optional<JsonNode> volume(String id) {
        RawHttp.Answer answer = call("GET", "/volumes/" + id, null);
        if (answer.status() == 404) {
            return Optional.empty();
        }
        return Optional.of(answer.expectOk("get volume " + id).body().path("volume"));
    }

    public void awaitVolumeStatus(String id, String status) {
        await("volume " + id + " " + status).atMost(TRANSITION).pollInterval(Duration.ofMillis(200)).until(() ->
                volume(id).map(v -> v.path("status").asText()).orElse("<gone>").equals(status));
    }

    public void deleteVolume(String id) {
        RawHttp.Answer answer = call("DELETE", "/volumes/" + id, null);
        if (answer.status() != 404) {
            answer.expectOk("delete volume " + id);
        }
    }

    public void deleteVolumeAndWait(String id) {
        deleteVolume(id);
        await("volume " + id + " gone").atMost(TRANSITION).pollInterval(Duration.ofMillis(200))
                .until(() -> volume(id).isEmpty());
    }

    /**
     * Makes the volume {@code in-use} without Nova: the legacy reserve + attach actions (an attachment
     * with an instance would need Nova to be deleted again).
     */
    public void attach(String volumeId) {
        call("POST", "/volumes/" + volumeId + "/action", Map.of("os-reserve", Map.of()))
                .expectOk("reserve volume " + volumeId);
        call("POST", "/volumes/" + volumeId + "/action",
                Map.of("os-attach", Map.of("host_name", "e2e-host", "mountpoint", "/dev/vdb")))
                .expectOk("attach volume " + volumeId);
        awaitVolumeStatus(volumeId, "in-use");
    }

    public void detach(String volumeId) {
        call("POST", "/volumes/" + volumeId + "/action", Map.of("os-detach", Map.of()))
                .expectOk("detach volume " + volumeId);
        awaitVolumeStatus(volumeId, "available");
    }

    public List<JsonNode> volumes() {
        return listAll("/volumes/detail", "volumes");
    }

    // --- snapshots ---------------------------------------------------------------------------------

    public String createSnapshot(String volumeId, String name) {
        JsonNode snapshot = call("POST", "/snapshots",
                Map.of("snapshot", Map.of("volume_id", volumeId, "name", name)))
                .expectOk("create snapshot " + name).body().path("snapshot");
        return snapshot.path("id").asText();
    }

    public Optional<JsonNode> snapshot(String id) {
        RawHttp.Answer answer = call("GET", "/snapshots/" + id, null);
        if (answer.status() == 404) {
            return Optional.empty();
        }
        return Optional.of(answer.expectOk("get snapshot " + id).body().path("snapshot"));
    }

    public void awaitSnapshotStatus(String id, String status) {
        await("snapshot " + id + " " + status).atMost(TRANSITION).pollInterval(Duration.ofMillis(200)).until(() ->
                snapshot(id).map(s -> s.path("status").asText()).orElse("<gone>").equals(status));
    }

    public void deleteSnapshot(String id) {
        RawHttp.Answer answer = call("DELETE", "/snapshots/" + id, null);
        if (answer.status() != 404) {
            answer.expectOk("delete snapshot " + id);
        }
    }

    public void deleteSnapshotAndWait(String id) {
        deleteSnapshot(id);
        await("snapshot " + id + " gone").atMost(TRANSITION).pollInterval(Duration.ofMillis(200))
                .until(() -> snapshot(id).isEmpty());
    }

    public List<JsonNode> snapshots() {
        return listAll("/snapshots/detail", "snapshots");
    }

    public Map<String, String> metadataOf(JsonNode snapshotOrVolume) {
        Map<String, String> metadata = new HashMap<>();
        snapshotOrVolume.path("metadata").fields().forEachRemaining(e -> metadata.put(e.getKey(), e.getValue().asText()));
        return metadata;
    }

    // --- admin only --------------------------------------------------------------------------------

    /** Sets {@code snapshots} quota of another project (this session must be an admin). */
    public void setSnapshotQuota(String projectId, int snapshots) {
        call("PUT", "/os-quota-sets/" + projectId, Map.of("quota_set", Map.of("snapshots", snapshots)))
                .expectOk("set snapshot quota of " + projectId);
    }

    /** Back to the defaults. */
    public void resetQuota(String projectId) {
        call("DELETE", "/os-quota-sets/" + projectId, null).expectOk("reset quota of " + projectId);
    }

    public JsonNode quotaUsage(String projectId) {
        return call("GET", "/os-quota-sets/" + projectId + "?usage=true", null)
                .expectOk("quota usage of " + projectId).body().path("quota_set");
    }

    public void resetSnapshotStatus(String id, String status) {
        call("POST", "/snapshots/" + id + "/action", Map.of("os-reset_status", Map.of("status", status)))
                .expectOk("reset status of snapshot " + id);
    }

    // -----------------------------------------------------------------------------------------------

    /** A call as this cloud; a token that expired meanwhile is renewed once. */
    public RawHttp.Answer call(String method, String path, Object body) {
        RawHttp.Answer answer = RawHttp.call(method, session.cinderUrl() + path, session.token(), MICROVERSION, body);
        if (answer.status() == 401) {
            session = KeystoneLogin.login(cloud);
            answer = RawHttp.call(method, session.cinderUrl() + path, session.token(), MICROVERSION, body);
        }
        return answer;
    }

    private List<JsonNode> listAll(String path, String key) {
        List<JsonNode> all = new ArrayList<>();
        String marker = null;
        while (true) {
            String query = "?limit=100" + (marker == null ? "" : "&marker=" + marker);
            JsonNode page = call("GET", path + query, null).expectOk("list " + key).body().path(key);
            page.forEach(all::add);
            if (page.size() < 100) {
                return all;
            }
            marker = page.get(page.size() - 1).path("id").asText();
        }
    }
}
