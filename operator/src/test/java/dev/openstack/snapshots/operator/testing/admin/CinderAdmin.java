package dev.openstack.snapshots.operator.testing.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openstack.snapshots.simulator.CinderSimulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/**
 * The one Cinder admin client of the tests, the sandbox and e2e: their own hands and eyes in Cinder (v3, microversion
 * 3.0) over plain REST, logged in as one clouds.yaml entry. It makes the fixtures the operator works on (plain volumes,
 * attachments, status resets, quotas: the Cinder port has no plain volume create on purpose) and checks what the
 * operator did, against the simulator and real Cinder alike. Deliberately not openstack4j and not the adapter under
 * test, so a bug there cannot hide itself in the verification.
 */
public final class CinderAdmin {

    private static final String MICROVERSION = "3.0";
    /** Real Cinder is quick (< 1 s per transition), but CI machines are small and shared. */
    static final Duration TRANSITION = Duration.ofSeconds(120);

    private final CloudEntry cloud;
    private volatile AdminSession session;

    private CinderAdmin(CloudEntry cloud) {
        this.cloud = cloud;
        this.session = KeystoneLogin.login(cloud);
    }

    /** Logged in as {@code cloud} (password or application credential), scoped as it says. */
    public static CinderAdmin login(CloudEntry cloud) {
        return new CinderAdmin(cloud);
    }

    /** The simulator's admin, in its project. */
    public static CinderAdmin of(CinderSimulator simulator) {
        return login(new CloudEntry("simulator", "password", simulator.authUrl(), simulator.username(),
                simulator.password(), simulator.projectName(), null, simulator.domainName(), simulator.domainName(),
                null, null, simulator.region(), "public"));
    }

    public AdminSession session() {
        return session;
    }

    public String projectId() {
        return session.projectId();
    }

    // --- volumes -----------------------------------------------------------------------------------

    /** A plain volume, once available; returns its id. */
    public String createVolume(String name, int sizeGiB) {
        String id = requestVolume(name, sizeGiB);
        awaitVolumeStatus(id, "available");
        return id;
    }

    /** Asks Cinder for a plain volume and returns its id at once (status creating). */
    public String requestVolume(String name, int sizeGiB) {
        JsonNode volume = call("POST", "/volumes", Map.of("volume", Map.of("name", name, "size", sizeGiB)))
                .expectOk("create volume " + name).body().path("volume");
        return volume.path("id").asText();
    }

    public Optional<JsonNode> volume(String id) {
        AdminHttp.Answer answer = call("GET", "/volumes/" + id, null);
        if (answer.status() == 404) {
            return Optional.empty();
        }
        return Optional.of(answer.expectOk("get volume " + id).body().path("volume"));
    }

    /** The volume's status, null when Cinder has no such volume. */
    public String volumeStatus(String id) {
        return volume(id).map(v -> v.path("status").asText()).orElse(null);
    }

    /** Whether Cinder still has the volume (any status). */
    public boolean volumeExists(String id) {
        return volume(id).isPresent();
    }

    public void awaitVolumeStatus(String id, String status) {
        await("volume " + id + " " + status, () -> status.equals(volume(id).map(v -> v.path("status").asText()).orElse("<gone>")));
    }

    public void deleteVolume(String id) {
        AdminHttp.Answer answer = call("DELETE", "/volumes/" + id, null);
        if (answer.status() != 404) {
            answer.expectOk("delete volume " + id);
        }
    }

    public void deleteVolumeAndWait(String id) {
        deleteVolume(id);
        await("volume " + id + " gone", () -> volume(id).isEmpty());
    }

    public void resetVolumeStatus(String id, String status) {
        call("POST", "/volumes/" + id + "/action", Map.of("os-reset_status", Map.of("status", status)))
                .expectOk("reset status of volume " + id);
    }

    /**
     * Makes the volume {@code in-use} without Nova: the legacy reserve + attach actions (an attachment
     * with an instance would need Nova to be deleted again).
     */
    public void attach(String volumeId) {
        call("POST", "/volumes/" + volumeId + "/action", Map.of("os-reserve", Map.of()))
                .expectOk("reserve volume " + volumeId);
        call("POST", "/volumes/" + volumeId + "/action",
                Map.of("os-attach", Map.of("host_name", "test-host", "mountpoint", "/dev/vdb")))
                .expectOk("attach volume " + volumeId);
        awaitVolumeStatus(volumeId, "in-use");
    }

    public void detach(String volumeId) {
        call("POST", "/volumes/" + volumeId + "/action", Map.of("os-detach", Map.of()))
                .expectOk("detach volume " + volumeId);
        awaitVolumeStatus(volumeId, "available");
    }

    /** Every volume of the project, in detail, page by page. */
    public List<JsonNode> volumes() {
        return listAll("/volumes/detail", "volumes");
    }

    // --- snapshots ---------------------------------------------------------------------------------

    /** A snapshot taken directly in Cinder (not through Kubernetes), once available; returns its id. */
    public String createSnapshot(String volumeId, String name) {
        String id = requestSnapshot(volumeId, name);
        awaitSnapshotStatus(id, "available");
        return id;
    }

    /** Asks Cinder for a snapshot and returns its id at once (status creating). */
    public String requestSnapshot(String volumeId, String name) {
        JsonNode snapshot = call("POST", "/snapshots",
                Map.of("snapshot", Map.of("volume_id", volumeId, "name", name)))
                .expectOk("create snapshot " + name).body().path("snapshot");
        return snapshot.path("id").asText();
    }

    public Optional<JsonNode> snapshot(String id) {
        AdminHttp.Answer answer = call("GET", "/snapshots/" + id, null);
        if (answer.status() == 404) {
            return Optional.empty();
        }
        return Optional.of(answer.expectOk("get snapshot " + id).body().path("snapshot"));
    }

    public void awaitSnapshotStatus(String id, String status) {
        await("snapshot " + id + " " + status,
                () -> status.equals(snapshot(id).map(s -> s.path("status").asText()).orElse("<gone>")));
    }

    public void deleteSnapshot(String id) {
        AdminHttp.Answer answer = call("DELETE", "/snapshots/" + id, null);
        if (answer.status() != 404) {
            answer.expectOk("delete snapshot " + id);
        }
    }

    public void deleteSnapshotAndWait(String id) {
        deleteSnapshot(id);
        await("snapshot " + id + " gone", () -> snapshot(id).isEmpty());
    }

    public void resetSnapshotStatus(String id, String status) {
        call("POST", "/snapshots/" + id + "/action", Map.of("os-reset_status", Map.of("status", status)))
                .expectOk("reset status of snapshot " + id);
    }

    /** Every snapshot of the project, in detail, page by page. */
    public List<JsonNode> snapshots() {
        return listAll("/snapshots/detail", "snapshots");
    }

    /** The metadata of a snapshot or volume as Cinder shows it, by key. */
    public Map<String, String> metadataOf(JsonNode snapshotOrVolume) {
        Map<String, String> metadata = new TreeMap<>();
        snapshotOrVolume.path("metadata").fields().forEachRemaining(e -> metadata.put(e.getKey(), e.getValue().asText()));
        return metadata;
    }

    // --- quotas ------------------------------------------------------------------------------------

    /** This project's snapshot quota: {limit, in_use}. */
    public int[] snapshotQuota() {
        JsonNode snapshots = quotaUsage(projectId()).path("snapshots");
        return new int[] {snapshots.path("limit").asInt(), snapshots.path("in_use").asInt()};
    }

    /** Sets this project's {@code snapshots} quota (an admin may). */
    public void setSnapshotQuota(int snapshots) {
        setSnapshotQuota(projectId(), snapshots);
    }

    /** Sets {@code snapshots} quota of a project (this session must be an admin). */
    public void setSnapshotQuota(String projectId, int snapshots) {
        call("PUT", "/os-quota-sets/" + projectId, Map.of("quota_set", Map.of("snapshots", snapshots)))
                .expectOk("set snapshot quota of " + projectId);
    }

    /** Sets the given limits ({@code snapshots}, {@code volumes}, {@code gigabytes}...) of a project (an admin may). */
    public void setQuotas(String projectId, Map<String, Integer> limits) {
        call("PUT", "/os-quota-sets/" + projectId, Map.of("quota_set", limits))
                .expectOk("set quotas " + limits.keySet() + " of " + projectId);
    }

    /** Back to the defaults. */
    public void resetQuota(String projectId) {
        call("DELETE", "/os-quota-sets/" + projectId, null).expectOk("reset quota of " + projectId);
    }

    public JsonNode quotaUsage(String projectId) {
        return call("GET", "/os-quota-sets/" + projectId + "?usage=true", null)
                .expectOk("quota usage of " + projectId).body().path("quota_set");
    }

    // -----------------------------------------------------------------------------------------------

    /** A call as this cloud; a token that expired meanwhile is renewed once. */
    public AdminHttp.Answer call(String method, String path, Object body) {
        AdminHttp.Answer answer = AdminHttp.call(method, session.cinderUrl() + path, session.token(), MICROVERSION, body);
        if (answer.status() == 401) {
            session = KeystoneLogin.login(cloud);
            answer = AdminHttp.call(method, session.cinderUrl() + path, session.token(), MICROVERSION, body);
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

    /** Polls every 50 ms until {@code done}, for up to {@link #TRANSITION}. */
    private static void await(String what, BooleanSupplier done) {
        long deadline = System.nanoTime() + TRANSITION.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new TimedOut("timed out after " + TRANSITION.toSeconds() + "s waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TimedOut("interrupted waiting for " + what);
            }
        }
    }

    /** Cinder did not reach the awaited state in time. */
    public static final class TimedOut extends RuntimeException {

        TimedOut(String message) {
            super(message);
        }
    }
}
