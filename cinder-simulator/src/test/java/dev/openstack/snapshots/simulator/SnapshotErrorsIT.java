package dev.openstack.snapshots.simulator;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The error table of ../shared/notes/openstack-on-loopback.md, status and body byte for byte (modulo JSON spacing). */
class SnapshotErrorsIT extends SimulatorFixture {

    private static void assertAnswer(HttpResponse<String> r, int status, String body) {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals(SimClient.parse(body), SimClient.json(r));
        assertTrue(r.headers().firstValue("X-Openstack-Request-Id").orElseThrow().startsWith("req-"));
    }

    private String inUseVolume() {
        String v = client.availableVolume("in-use", 1);
        assertEquals(202, client.post("/volumes/" + v + "/action", "{\"os-reserve\":null}").statusCode());
        assertEquals(202, client.post("/volumes/" + v + "/action",
                "{\"os-attach\":{\"host_name\":\"e2e-host\",\"mountpoint\":\"/dev/vdb\"}}").statusCode());
        return v;
    }

    @Test
    void inUseVolumeWithoutForceIs400Before366And202From366() {
        String v = inUseVolume();
        assertAnswer(client.post("/snapshots", "{\"snapshot\":{\"volume_id\":\"" + v + "\"}}"), 400,
                "{\"badRequest\": {\"code\": 400, \"message\": \"Invalid volume: Volume " + v
                        + " status must be available, but current status is: in-use.\"}}");
        assertEquals(202, client.post("/snapshots", "{\"snapshot\":{\"volume_id\":\"" + v + "\",\"force\":true}}").statusCode());
        SimClient v366 = client.microversion("3.66");
        HttpResponse<String> created = v366.post("/snapshots", "{\"snapshot\":{\"volume_id\":\"" + v + "\"}}");
        assertEquals(202, created.statusCode());
        assertEquals("volume 3.66", created.headers().firstValue("OpenStack-API-Version").orElseThrow());
        assertEquals(202, v366.post("/snapshots", "{\"snapshot\":{\"volume_id\":\"" + v + "\",\"force\":true}}").statusCode());
        assertAnswer(v366.post("/snapshots", "{\"snapshot\":{\"volume_id\":\"" + v + "\",\"force\":false}}"), 400,
                "{\"badRequest\": {\"code\": 400, \"message\": \"Since microversion 3.66 the 'force' flag is invalid for this "
                        + "request.  For backward compatability, however, when the 'force' flag is passed with a value evaluating "
                        + "to True, it is silently ignored.\"}}");
    }

    @Test
    void reservedVolumeWithForceIs400() {
        String v = client.availableVolume("reserved", 1);
        client.post("/volumes/" + v + "/action", "{\"os-reserve\":null}");
        assertAnswer(client.post("/snapshots", "{\"snapshot\":{\"volume_id\":\"" + v + "\",\"force\":true}}"), 400,
                "{\"badRequest\": {\"code\": 400, \"message\": \"Invalid volume: Volume " + v
                        + " status must be available, in-use, but current status is: attaching.\"}}");
    }

    @Test
    void missingVolumeUnknownFieldAndMalformedVolumeId() {
        String missing = "11111111-2222-3333-4444-555555555555";
        assertAnswer(client.post("/snapshots", "{\"snapshot\":{\"volume_id\":\"" + missing + "\"}}"), 404,
                "{\"itemNotFound\": {\"code\": 404, \"message\": \"Volume " + missing + " could not be found.\"}}");
        String v = client.availableVolume("v", 1);
        assertAnswer(client.post("/snapshots", "{\"snapshot\":{\"name\":\"n\",\"display_name\":\"n\",\"description\":\"d\","
                        + "\"display_description\":\"d\",\"volume_id\":\"" + v + "\"}}"), 400,
                "{\"badRequest\": {\"code\": 400, \"message\": \"Invalid input for field/attribute snapshot. Value: {'name': 'n', "
                        + "'display_name': 'n', 'description': 'd', 'display_description': 'd', 'volume_id': '" + v
                        + "'}. Additional properties are not allowed ('display_description' was unexpected)\"}}");
        assertAnswer(client.post("/snapshots", "{\"snapshot\":{\"volume_id\":\"not-a-uuid\"}}"), 400,
                "{\"badRequest\": {\"code\": 400, \"message\": \"Invalid input for field/attribute volume_id. Value: not-a-uuid. "
                        + "'not-a-uuid' is not valid under any of the given schemas\"}}");
        assertAnswer(client.post("/snapshots", "{\"snapshot\":{\"volume_id\":\"" + v + "\",\"metadata\":{\"k\":1}}}"), 400,
                "{\"badRequest\": {\"code\": 400, \"message\": \"Invalid input for field/attribute k. Value: 1. 1 is not of type 'string'\"}}");
        assertAnswer(client.post("/snapshots", "not json"), 400, "{\"badRequest\": {\"code\": 400, \"message\": \"Malformed request body\"}}");
    }

    @Test
    void deleteRulesAndNotFound() {
        String v = client.availableVolume("v", 1);
        sim.controls().setTransitionDelay("snapshot.create", java.time.Duration.ofSeconds(30));
        String creating = SimClient.json(client.post("/snapshots", "{\"snapshot\":{\"volume_id\":\"" + v + "\"}}"))
                .path("snapshot").path("id").asText();
        assertAnswer(client.delete("/snapshots/" + creating), 400, "{\"badRequest\": {\"code\": 400, \"message\": "
                + "\"Invalid snapshot: Snapshot status must be available or error and must not be part of a group.\"}}");
        assertAnswer(client.delete("/volumes/" + v), 400, "{\"badRequest\": {\"code\": 400, \"message\": \"Invalid volume: "
                + "Volume status must be available or error or error_restoring or error_extending or error_managing and must "
                + "not be migrating, attached, belong to a group, have snapshots, awaiting a transfer, or be disassociated "
                + "from snapshots after volume transfer.\"}}");
        String missing = "11111111-2222-3333-4444-555555555555";
        String notFound = "{\"itemNotFound\": {\"code\": 404, \"message\": \"Snapshot " + missing + " could not be found.\"}}";
        assertAnswer(client.get("/snapshots/" + missing), 404, notFound);
        assertAnswer(client.put("/snapshots/" + missing, "{\"snapshot\":{\"name\":\"n\"}}"), 404, notFound);
        assertAnswer(client.delete("/snapshots/" + missing), 404, notFound);
        assertAnswer(client.post("/volumes", "{\"volume\":{\"size\":1,\"snapshot_id\":\"" + missing + "\"}}"), 404, notFound);
    }

    @Test
    void deletingASnapshotWithADependentVolumeIsAllowed() {
        String v = client.availableVolume("v", 1);
        String s = client.availableSnapshot(v, "s");
        String restored = SimClient.json(client.post("/volumes", "{\"volume\":{\"snapshot_id\":\"" + s + "\"}}")).path("volume").path("id").asText();
        client.awaitStatus("/volumes/" + restored, "volume", "available");
        assertEquals(202, client.delete("/snapshots/" + s).statusCode());
        client.awaitGone("/snapshots/" + s);
        assertEquals(s, SimClient.json(client.get("/volumes/" + restored)).path("volume").path("snapshot_id").asText());
    }

    @Test
    void updateNameTooLongIsValidatedBeforeTheLookup() {
        String name = "x".repeat(256);
        assertAnswer(client.put("/snapshots/11111111-2222-3333-4444-555555555555", "{\"snapshot\":{\"name\":\"" + name + "\"}}"), 400,
                "{\"badRequest\": {\"code\": 400, \"message\": \"Invalid input for field/attribute name. Value: " + name
                        + ". '" + name + "' is too long\"}}");
    }

    @Test
    void snapshotMetadataEndpointsAndTheirMessages() {
        String v = client.availableVolume("v", 1);
        String s = client.availableSnapshot(v, "s");
        String base = "/snapshots/" + s + "/metadata";
        assertEquals("{\"metadata\":{\"a\":\"1\"}}", client.post(base, "{\"metadata\":{\"a\":\"1\"}}").body());
        assertEquals("{\"metadata\":{\"a\":\"1\",\"b\":\"2\"}}", client.post(base, "{\"metadata\":{\"b\":\"2\"}}").body());
        assertEquals("{\"metadata\":{\"b\":\"3\",\"c\":\"4\"}}", client.put(base, "{\"metadata\":{\"c\":\"4\",\"b\":\"3\"}}").body());
        assertEquals("{\"meta\":{\"c\":\"4\"}}", client.get(base + "/c").body());
        assertEquals("{\"meta\":{\"c\":\"5\"}}", client.put(base + "/c", "{\"meta\":{\"c\":\"5\"}}").body());
        assertEquals(200, client.delete(base + "/c").statusCode());
        assertEquals("{\"metadata\":{\"b\":\"3\"}}", client.get(base).body());
        assertAnswer(client.get(base + "/c"), 404, "{\"itemNotFound\": {\"code\": 404, \"message\": \"Snapshot " + s
                + " has no metadata with key c.\"}}");
        assertAnswer(client.post(base, "{\"metadata\":{\"k\":1}}"), 400, "{\"badRequest\": {\"code\": 400, \"message\": "
                + "\"Invalid metadata: Invalid input received: Value for metadata key: k is not a string or unicode\"}}");
        assertAnswer(client.put(base + "/x", "{\"meta\":{\"y\":\"1\"}}"), 400,
                "{\"badRequest\": {\"code\": 400, \"message\": \"Request body and URI mismatch\"}}");
        assertAnswer(client.put(base + "/x", "{\"meta\":{\"x\":\"1\",\"y\":\"1\"}}"), 400,
                "{\"badRequest\": {\"code\": 400, \"message\": \"Request body contains too many items\"}}");
        assertAnswer(client.put(base, "{\"meta\":{\"x\":\"1\"}}"), 400,
                "{\"badRequest\": {\"code\": 400, \"message\": \"Missing required element 'metadata' in request body.\"}}");
    }

    @Test
    void resetStatusToErrorThenDeleteIsAllowed() {
        String v = client.availableVolume("v", 1);
        String s = client.availableSnapshot(v, "s");
        assertEquals(202, client.post("/snapshots/" + s + "/action", "{\"os-reset_status\":{\"status\":\"error\"}}").statusCode());
        assertEquals("error", SimClient.json(client.get("/snapshots/" + s)).path("snapshot").path("status").asText());
        assertEquals(202, client.delete("/snapshots/" + s).statusCode());
        client.awaitGone("/snapshots/" + s);
    }

    @Test
    void unknownRouteIsAnHtml404AndOtherProjectIsMalformedUrl() {
        HttpResponse<String> r = client.get("/nothing-here");
        assertEquals(404, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        HttpResponse<String> other = client.cinder("GET", sim.baseUrl() + "/volume/v3/0123456789abcdef0123456789abcdef/snapshots", null);
        assertAnswer(other, 400, "{\"badRequest\": {\"code\": 400, \"message\": \"Malformed request url\"}}");
    }
}
