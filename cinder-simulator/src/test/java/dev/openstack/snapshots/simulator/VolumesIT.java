package dev.openstack.snapshots.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;

class VolumesIT extends SimulatorFixture {

    @Test
    void restoreFromSnapshotFollowsTheSizeRule() {
        String v = client.availableVolume("two", 2);
        String s = client.availableSnapshot(v, "s");
        HttpResponse<String> small = client.post("/volumes", "{\"volume\":{\"size\":1,\"snapshot_id\":\"" + s + "\"}}");
        assertEquals(400, small.statusCode());
        assertEquals("{\"badRequest\":{\"code\":400,\"message\":\"Invalid input received: Volume size '1'GB cannot be smaller "
                + "than the snapshot size 2GB. They must be >= original snapshot size.\"}}", small.body());
        JsonNode restored = SimClient.json(client.post("/volumes", "{\"volume\":{\"name\":\"r\",\"snapshot_id\":\"" + s + "\"}}")).path("volume");
        assertEquals(2, restored.path("size").asInt());
        assertEquals(s, restored.path("snapshot_id").asText());
        assertEquals("creating", restored.path("status").asText());
        client.awaitStatus("/volumes/" + restored.path("id").asText(), "volume", "available");
    }

    @Test
    void attachDetachLegacyFlow() {
        String v = client.availableVolume("v", 1);
        String action = "/volumes/" + v + "/action";
        assertEquals(202, client.post(action, "{\"os-reserve\":null}").statusCode());
        assertEquals("attaching", SimClient.json(client.get("/volumes/" + v)).path("volume").path("status").asText());
        assertEquals(202, client.post(action, "{\"os-attach\":{\"host_name\":\"e2e-host\",\"mountpoint\":\"/dev/vdb\"}}").statusCode());
        JsonNode vol = SimClient.json(client.get("/volumes/" + v)).path("volume");
        assertEquals("in-use", vol.path("status").asText());
        assertEquals("/dev/vdb", vol.path("attachments").get(0).path("device").asText());
        assertEquals("e2e-host", vol.path("attachments").get(0).path("host_name").asText());
        assertEquals(400, client.delete("/volumes/" + v).statusCode());
        assertEquals("{\"badRequest\":{\"code\":400,\"message\":\"Invalid volume: Volume status must be available to reserve, "
                + "but the status is in-use.\"}}", client.post(action, "{\"os-reserve\":null}").body());
        assertEquals(202, client.post(action, "{\"os-detach\":{}}").statusCode());
        assertEquals("available", SimClient.json(client.get("/volumes/" + v)).path("volume").path("status").asText());
        assertEquals(202, client.delete("/volumes/" + v).statusCode());
        client.awaitGone("/volumes/" + v);
    }

    @Test
    void resetStatusValidatesAndUnknownActionIsRejected() {
        String v = client.availableVolume("v", 1);
        String action = "/volumes/" + v + "/action";
        assertEquals(202, client.post(action, "{\"os-reset_status\":{\"status\":\"error\"}}").statusCode());
        assertEquals("error", SimClient.json(client.get("/volumes/" + v)).path("volume").path("status").asText());
        assertEquals(400, client.post(action, "{\"os-reset_status\":{\"status\":\"bogus\"}}").statusCode());
        assertEquals("{\"badRequest\":{\"code\":400,\"message\":\"There is no such action: os-foo. Verify the request body "
                + "and Content-Type header and try again.\"}}", client.post(action, "{\"os-foo\":{}}").body());
    }

    @Test
    void updateAndMetadata() {
        String v = client.availableVolume("v", 1);
        JsonNode updated = SimClient.json(client.put("/volumes/" + v, "{\"volume\":{\"name\":\"n2\",\"description\":\"d\"}}")).path("volume");
        assertEquals("n2", updated.path("name").asText());
        assertEquals("d", updated.path("description").asText());
        assertEquals("{\"badRequest\":{\"code\":400,\"message\":\"Invalid input for field/attribute volume. Value: {'foo': 'x'}. "
                + "Additional properties are not allowed ('foo' was unexpected)\"}}", client.put("/volumes/" + v, "{\"volume\":{\"foo\":\"x\"}}").body());
        assertEquals("{\"metadata\":{\"a\":\"1\"}}", client.post("/volumes/" + v + "/metadata", "{\"metadata\":{\"a\":\"1\"}}").body());
        assertEquals("{\"badRequest\":{\"code\":400,\"message\":\"Invalid input for field/attribute k. Value: 1. 1 is not of type 'string'\"}}",
                client.post("/volumes/" + v + "/metadata", "{\"metadata\":{\"k\":1}}").body());
        assertEquals("{\"meta\":{\"a\":\"2\"}}", client.put("/volumes/" + v + "/metadata/a", "{\"meta\":{\"a\":\"2\"}}").body());
        assertEquals(200, client.delete("/volumes/" + v + "/metadata/a").statusCode());
        assertEquals(404, client.get("/volumes/" + v + "/metadata/a").statusCode());
    }

    @Test
    void createValidation() {
        assertEquals("{\"badRequest\":{\"code\":400,\"message\":\"Invalid input for field/attribute size. Value: 0. 0 is less than the minimum of 1\"}}",
                client.post("/volumes", "{\"volume\":{\"size\":0}}").body());
        assertEquals("{\"badRequest\":{\"code\":400,\"message\":\"Invalid input for field/attribute size. Value: abc. 'abc' does not match '^[0-9]+$'\"}}",
                client.post("/volumes", "{\"volume\":{\"size\":\"abc\"}}").body());
        assertEquals(400, client.post("/volumes", "{\"volume\":{\"name\":\"no size\"}}").statusCode());
        assertEquals(202, client.post("/volumes", "{\"volume\":{\"size\":\"2\"}}").statusCode());
    }
}
