package dev.openstack.snapshots.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class QuotaIT extends SimulatorFixture {

    private static void assertOverLimit(HttpResponse<String> r, String message) {
        assertEquals(413, r.statusCode(), r.body());
        assertEquals(SimClient.parse("{\"overLimit\": {\"code\": 413, \"message\": \"" + message + "\", \"retryAfter\": \"0\"}}"),
                SimClient.json(r));
        assertEquals("0", r.headers().firstValue("Retry-After").orElseThrow());
    }

    @Test
    void snapshotCountQuota() {
        String v = client.availableVolume("v", 1);
        sim.controls().setQuotas(Map.of("snapshots", 1));
        client.availableSnapshot(v, "first");
        assertOverLimit(client.post("/snapshots", "{\"snapshot\":{\"volume_id\":\"" + v + "\"}}"),
                "SnapshotLimitExceeded: Maximum number of snapshots allowed (1) exceeded");
    }

    @Test
    void gigabytesCountVolumesAndSnapshots() {
        String v = client.availableVolume("v", 1);
        assertEquals(200, client.put("/os-quota-sets/" + sim.projectId(), "{\"quota_set\":{\"gigabytes\":2}}").statusCode());
        client.availableSnapshot(v, "s");
        String msg = "VolumeSizeExceedsAvailableQuota: Requested volume or snapshot exceeds allowed gigabytes quota. "
                + "Requested 1G, quota is 2G and 2G has been consumed.";
        assertOverLimit(client.post("/snapshots", "{\"snapshot\":{\"volume_id\":\"" + v + "\"}}"), msg);
        assertOverLimit(client.post("/volumes", "{\"volume\":{\"size\":1}}"), msg);
    }

    @Test
    void volumeCountQuota() {
        sim.controls().setQuotas(Map.of("volumes", 1));
        client.availableVolume("v", 1);
        assertOverLimit(client.post("/volumes", "{\"volume\":{\"size\":1}}"),
                "VolumeLimitExceeded: Maximum number of volumes allowed (1) exceeded for quota 'volumes'.");
    }

    @Test
    void quotaSetApiShowUpdateUsageAndDelete() {
        String p = sim.projectId();
        JsonNode shown = SimClient.json(client.get("/os-quota-sets/" + p)).path("quota_set");
        assertEquals(10, shown.path("snapshots").asInt());
        assertEquals(p, shown.path("id").asText());
        HttpResponse<String> updated = client.put("/os-quota-sets/" + p, "{\"quota_set\":{\"snapshots\":1}}");
        assertEquals(1, SimClient.json(updated).path("quota_set").path("snapshots").asInt());
        String v = client.availableVolume("v", 1);
        client.availableSnapshot(v, "s");
        JsonNode usage = SimClient.json(client.get("/os-quota-sets/" + p + "?usage=true")).path("quota_set");
        assertEquals(SimClient.parse("{\"limit\":1,\"in_use\":1,\"reserved\":0}"), usage.path("snapshots"));
        assertEquals(2, usage.path("gigabytes").path("in_use").asInt());
        assertEquals(200, client.delete("/os-quota-sets/" + p).statusCode());
        assertEquals(10, SimClient.json(client.get("/os-quota-sets/" + p)).path("quota_set").path("snapshots").asInt());

        assertEquals("{\"badRequest\":{\"code\":400,\"message\":\"Invalid input received: Bad key(s) in quota set: foo\"}}",
                client.put("/os-quota-sets/" + p, "{\"quota_set\":{\"foo\":1}}").body());
        assertEquals("{\"badRequest\":{\"code\":400,\"message\":\"snapshots must be >= -1\"}}",
                client.put("/os-quota-sets/" + p, "{\"quota_set\":{\"snapshots\":-2}}").body());
        assertEquals("{\"badRequest\":{\"code\":400,\"message\":\"Invalid input for field/attribute quota_set. Value: {}. "
                + "{} does not have enough properties\"}}", client.put("/os-quota-sets/" + p, "{\"quota_set\":{}}").body());
    }
}
