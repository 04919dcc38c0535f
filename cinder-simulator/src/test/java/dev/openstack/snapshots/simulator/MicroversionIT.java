package dev.openstack.snapshots.simulator;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MicroversionIT extends SimulatorFixture {

    private HttpResponse<String> withHeader(String name, String value) {
        return SimClient.send(HttpRequest.newBuilder(URI.create(sim.volumeEndpoint() + "/snapshots"))
                .header("X-Auth-Token", client.token()).header(name, value));
    }

    @Test
    void defaultIs30AndIsEchoedWithVary() {
        HttpResponse<String> r = client.get("/snapshots");
        assertEquals("volume 3.0", r.headers().firstValue("OpenStack-API-Version").orElseThrow());
        assertEquals("OpenStack-API-Version", r.headers().firstValue("Vary").orElseThrow());
        assertTrue(r.headers().firstValue("X-Compute-Request-Id").orElseThrow().startsWith("req-"));
    }

    @Test
    void requestedVersionsAreEchoedLatestIs370LegacyHeaderIgnored() {
        assertEquals("volume 3.66", withHeader("OpenStack-API-Version", "volume 3.66").headers().firstValue("OpenStack-API-Version").orElseThrow());
        assertEquals("volume 3.70", withHeader("OpenStack-API-Version", "volume latest").headers().firstValue("OpenStack-API-Version").orElseThrow());
        assertEquals("volume 3.0", withHeader("X-OpenStack-Volume-API-Version", "3.5").headers().firstValue("OpenStack-API-Version").orElseThrow());
    }

    @Test
    void outOfRangeIs406AndMalformedIs400() {
        for (String v : new String[]{"3.71", "2.9", "4.0"}) {
            HttpResponse<String> r = withHeader("OpenStack-API-Version", "volume " + v);
            assertEquals(406, r.statusCode());
            assertEquals("{\"computeFault\":{\"code\":406,\"message\":\"Version " + v
                    + " is not supported by the API. Minimum is 3.0 and maximum is 3.70.\"}}", r.body());
            assertEquals("volume " + v, r.headers().firstValue("OpenStack-API-Version").orElseThrow());
        }
        HttpResponse<String> bad = withHeader("OpenStack-API-Version", "volume 3.05");
        assertEquals(400, bad.statusCode());
        assertEquals("{\"badRequest\":{\"code\":400,\"message\":\"API Version String 3.05 is of invalid format. "
                + "Must be of format MajorNum.MinorNum.\"}}", bad.body());
    }

    @Test
    void viewsGrowWithTheMicroversion() {
        String v = client.availableVolume("v", 1);
        String s = client.availableSnapshot(v, "s");
        assertTrue(SimClient.json(client.get("/snapshots/" + s)).path("snapshot").path("user_id").isMissingNode());
        assertTrue(SimClient.json(client.microversion("3.65").get("/snapshots/" + s)).path("snapshot").path("consumes_quota").asBoolean());
        assertTrue(SimClient.json(client.microversion("3.63").get("/volumes/" + v)).path("volume").has("volume_type_id"));
    }
}
