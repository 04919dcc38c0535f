package dev.openstack.snapshots.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openstack.snapshots.simulator.faults.FaultRule;
import dev.openstack.snapshots.simulator.faults.RequestLog;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FaultsAndTransitionsIT extends SimulatorFixture {

    private String status(String path, String kind) {
        return SimClient.json(client.get(path)).path(kind).path("status").asText();
    }

    @Test
    void createGoesCreatingToAvailableAndDeleteDeletingToGone() {
        String v = client.availableVolume("v", 1);
        sim.controls().setTransitionDelay("snapshot.create", Duration.ofSeconds(30));
        HttpResponse<String> created = client.post("/snapshots", "{\"snapshot\":{\"volume_id\":\"" + v + "\"}}");
        assertEquals("creating", SimClient.json(created).path("snapshot").path("status").asText());
        String s = SimClient.json(created).path("snapshot").path("id").asText();
        assertEquals("creating", status("/snapshots/" + s, "snapshot"));

        sim.controls().setTransitionDelay("snapshot.create", Duration.ofMillis(20));
        String s2 = client.availableSnapshot(v, "quick");
        sim.controls().setTransitionDelay("snapshot.delete", Duration.ofSeconds(30));
        assertEquals(202, client.delete("/snapshots/" + s2).statusCode());
        assertEquals("deleting", status("/snapshots/" + s2, "snapshot"));
        sim.controls().setTransitionDelay("snapshot.delete", Duration.ofMillis(20));
        String s3 = client.availableSnapshot(v, "gone");
        client.delete("/snapshots/" + s3);
        client.awaitGone("/snapshots/" + s3);
    }

    @Test
    void statusRuleAnswersTheNextNCallsThenStops() {
        sim.controls().addFault(FaultRule.status("snapshot.list", 2, 503));
        HttpResponse<String> first = client.get("/snapshots");
        assertEquals(503, first.statusCode());
        assertEquals("{\"computeFault\":{\"code\":503,\"message\":\"The service is unavailable at this time.\"}}", first.body());
        assertEquals(503, client.get("/snapshots").statusCode());
        assertEquals(200, client.get("/snapshots").statusCode());
    }

    @Test
    void faultRulesOverHttpIncludingHangAndKeystone() {
        HttpResponse<String> added = client.control("POST", "/faults",
                "{\"operation\":\"snapshot.get\",\"times\":1,\"status\":500,\"message\":\"boom\"}");
        assertEquals(201, added.statusCode());
        assertEquals(1, SimClient.json(client.control("GET", "/faults", null)).path("faults").size());
        HttpResponse<String> r = client.get("/snapshots/11111111-2222-3333-4444-555555555555");
        assertEquals("{\"computeFault\":{\"code\":500,\"message\":\"boom\"}}", r.body());

        client.control("POST", "/faults", "{\"operation\":\"snapshot.list\",\"times\":1,\"hang\":\"300ms\"}");
        long start = System.nanoTime();
        assertEquals(200, client.get("/snapshots").statusCode());
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(300).toNanos(), "the hang rule did not delay the answer");

        client.token();
        client.control("POST", "/faults", "{\"operation\":\"keystone.auth\",\"times\":1,\"status\":401}");
        HttpResponse<String> auth = client.keystone(SimClient.passwordAuth("admin", "secret"));
        assertEquals(401, auth.statusCode());
        assertEquals(201, client.keystone(SimClient.passwordAuth("admin", "secret")).statusCode());
    }

    @Test
    void anAnswerDelayHoldsTheAnswerOfACreateThatAlreadyTookEffect() throws Exception {
        String v = client.availableVolume("v", 1);
        client.control("POST", "/faults", "{\"operation\":\"snapshot.create\",\"times\":1,\"delayAnswer\":\"1500ms\"}");
        long start = System.nanoTime();
        java.util.concurrent.CompletableFuture<HttpResponse<String>> answer = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> client.post("/snapshots", "{\"snapshot\":{\"volume_id\":\"" + v + "\"}}"));
        // the snapshot is listed while its create is still unanswered
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (SimClient.json(client.get("/snapshots")).path("snapshots").isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "the snapshot never appeared");
            Thread.sleep(20);
        }
        assertFalse(answer.isDone(), "the answer came before its delay");
        assertEquals(202, answer.get().statusCode());
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(1500).toNanos(), "the answer was not held");
    }

    @Test
    void endInErrorRulesMakeCreateErrorAndDeleteErrorDeleting() {
        sim.controls().addFault(FaultRule.endInError("volume.create", 1));
        String bad = SimClient.json(client.post("/volumes", "{\"volume\":{\"size\":1}}")).path("volume").path("id").asText();
        client.awaitStatus("/volumes/" + bad, "volume", "error");
        String v = client.availableVolume("v", 1);
        sim.controls().addFault(FaultRule.endInError("snapshot.create", 1));
        String s = SimClient.json(client.post("/snapshots", "{\"snapshot\":{\"volume_id\":\"" + v + "\"}}")).path("snapshot").path("id").asText();
        client.awaitStatus("/snapshots/" + s, "snapshot", "error");
        sim.controls().addFault(FaultRule.endInError("snapshot.delete", 1));
        assertEquals(202, client.delete("/snapshots/" + s).statusCode());
        client.awaitStatus("/snapshots/" + s, "snapshot", "error_deleting");
    }

    @Test
    void countersCountPerOperationAndReset() {
        client.get("/snapshots");
        client.get("/snapshots/detail");
        client.get("/volumes");
        assertEquals(2, sim.controls().count("snapshot.list"));
        assertEquals(1, sim.controls().count("volume.list"));
        assertEquals(1, sim.controls().count("keystone.auth"));
        assertEquals(2, SimClient.json(client.control("GET", "/counters", null)).path("counters").path("snapshot.list").asInt());
        client.control("DELETE", "/counters", null);
        assertEquals(0, sim.controls().count("snapshot.list"));
    }

    @Test
    void requestLogSaysWhenEachCallToOneResourceArrived() {
        String v = client.availableVolume("v", 1);
        String first = client.availableSnapshot(v, "first");
        String second = client.availableSnapshot(v, "second");
        Instant before = Instant.now();
        client.delete("/snapshots/" + second);
        sim.controls().addFault(FaultRule.status("snapshot.delete", 1, 503));
        assertEquals(503, client.delete("/snapshots/" + first).statusCode());
        client.get("/snapshots");
        Instant after = Instant.now();

        List<RequestLog.Entry> deletes = sim.controls().requestLog("snapshot.delete");
        assertEquals(List.of(second, first), deletes.stream().map(RequestLog.Entry::resourceId).toList(),
                "every DELETE that arrived, refused ones too, in arrival order");
        deletes.forEach(e -> assertTrue(!e.at().isBefore(before) && !e.at().isAfter(after), e + " outside the calls"));
        assertEquals(List.of(), sim.controls().requestLog("snapshot.list"), "listings are not logged");
        assertEquals(List.of(v), sim.controls().requestLog("volume.get").stream().map(RequestLog.Entry::resourceId).distinct().toList());

        JsonNode overHttp = SimClient.json(client.control("GET", "/requests?operation=snapshot.delete", null)).path("requests");
        assertEquals(second, overHttp.path(0).path("resource_id").asText());
        assertEquals(deletes.get(0).at(), Instant.parse(overHttp.path(0).path("at").asText()));
        assertEquals(400, client.control("GET", "/requests", null).statusCode());
        client.control("DELETE", "/counters", null);
        assertEquals(List.of(), sim.controls().requestLog("snapshot.delete"));
    }

    @Test
    void controlsOverHttpSetDelaysQuotasAndReset() {
        assertEquals(200, client.control("PUT", "/delays", "{\"snapshot.create\":\"2s\"}").statusCode());
        assertEquals(Duration.ofSeconds(2), sim.controls().transitionDelay("snapshot.create"));
        assertEquals(200, client.control("PUT", "/quotas", "{\"snapshots\":3}").statusCode());
        assertEquals(3, sim.controls().quotas().get("snapshots"));
        client.availableVolume("v", 1);
        assertEquals(204, client.control("POST", "/reset", null).statusCode());
        assertEquals(0, sim.controls().state().get("volumes"));
        assertEquals(10, sim.controls().quotas().get("snapshots"));
        assertEquals(Duration.ofMillis(50), sim.controls().transitionDelay("snapshot.create"));
        assertEquals(400, client.control("POST", "/faults", "{\"times\":1,\"status\":500}").statusCode());
    }
}
