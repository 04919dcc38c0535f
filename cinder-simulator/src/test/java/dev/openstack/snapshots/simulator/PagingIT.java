package dev.openstack.snapshots.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PagingIT extends SimulatorFixture {

    /**
     * 2,500 snapshots created by 8 concurrent clients, then read back page by page through the next links (1,000 per
     * page by default, like osapi_max_limit). The 10,000+ scale is covered in-process by ListQueryTest.
     */
    @Test
    void snapshotsPastOneThousandPageByMarkerWithCindersLinks() throws Exception {
        sim.controls().setQuotas(Map.of("snapshots", -1, "gigabytes", -1));
        String volume = client.availableVolume("big", 1);
        int total = 2_500;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int offset = t;
                futures.add(pool.submit(() -> {
                    for (int i = offset; i < total; i += 8) {
                        HttpResponse<String> r = client.post("/snapshots", "{\"snapshot\":{\"volume_id\":\"" + volume
                                + "\",\"name\":\"snap-" + i + "\",\"metadata\":{\"parity\":\"" + (i % 2 == 0 ? "even" : "odd") + "\"}}}");
                        if (r.statusCode() != 202) {
                            throw new IllegalStateException(r.body());
                        }
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(total, sim.controls().state().get("snapshots"));

        Set<String> seen = new HashSet<>();
        String url = "/snapshots/detail";
        int pages = 0;
        JsonNode previousLast = null;
        while (url != null) {
            JsonNode body = SimClient.json(client.get(url));
            JsonNode items = body.path("snapshots");
            pages++;
            for (JsonNode s : items) {
                assertTrue(seen.add(s.path("id").asText()), "duplicate " + s.path("id"));
                if (previousLast != null) {
                    assertTrue(defaultOrderBefore(previousLast, s), "order broken at " + s.path("id"));
                }
                previousLast = s;
            }
            JsonNode links = body.path("snapshots_links");
            if (links.isMissingNode()) {
                url = null;
            } else {
                assertEquals("next", links.get(0).path("rel").asText());
                url = links.get(0).path("href").asText();
                assertTrue(url.startsWith(sim.volumeEndpoint() + "/snapshots/detail?marker="), url);
            }
        }
        assertEquals(total, seen.size());
        // Two full pages of 1,000 carry a next link; the third (500) does not.
        assertEquals(3, pages);

        JsonNode firstTwo = SimClient.json(client.get("/snapshots?limit=2&status=available"));
        String href = firstTwo.path("snapshots_links").get(0).path("href").asText();
        assertEquals(sim.volumeEndpoint() + "/snapshots?limit=2&status=available&marker="
                + firstTwo.path("snapshots").get(1).path("id").asText(), href);
        JsonNode offset = SimClient.json(client.get("/snapshots?limit=1&offset=1"));
        assertEquals(firstTwo.path("snapshots").get(1).path("id"), offset.path("snapshots").get(0).path("id"));
    }

    private static boolean defaultOrderBefore(JsonNode a, JsonNode b) {
        int byTime = a.path("created_at").asText().compareTo(b.path("created_at").asText());
        return byTime > 0 || (byTime == 0 && a.path("id").asText().compareTo(b.path("id").asText()) > 0);
    }

    @Test
    void limitOffsetErrorsAndMissingMarker() {
        assertEquals("{\"badRequest\":{\"code\":400,\"message\":\"limit param must be positive\"}}", client.get("/snapshots?limit=-1").body());
        assertEquals("{\"badRequest\":{\"code\":400,\"message\":\"limit param must be an integer\"}}", client.get("/snapshots?limit=x").body());
        assertEquals("{\"badRequest\":{\"code\":400,\"message\":\"offset must be >= 0\"}}", client.get("/snapshots?offset=-1").body());
        String missing = "11111111-2222-3333-4444-555555555555";
        HttpResponse<String> r = client.get("/snapshots?marker=" + missing);
        assertEquals(404, r.statusCode());
        assertEquals("{\"itemNotFound\":{\"code\":404,\"message\":\"Snapshot " + missing + " could not be found.\"}}", r.body());
        HttpResponse<String> zero = client.get("/snapshots?limit=0");
        assertEquals("{\"snapshots\":[]}", zero.body());
    }

    @Test
    void filtersByNameStatusVolumeAndMetadataFrom322() {
        String v1 = client.availableVolume("v1", 1);
        String v2 = client.availableVolume("v2", 1);
        String a = client.availableSnapshot(v1, "a");
        client.availableSnapshot(v2, "b");
        client.put("/snapshots/" + a + "/metadata", "{\"metadata\":{\"owner\":\"me\"}}");
        assertEquals(List.of("a"), names(client.get("/snapshots?name=a")));
        assertEquals(List.of("b"), names(client.get("/snapshots?volume_id=" + v2)));
        assertEquals(2, names(client.get("/snapshots?status=available")).size());
        assertTrue(names(client.get("/snapshots?status=error")).isEmpty());
        String filter = "metadata=%7B%22owner%22%3A%22me%22%7D";
        // Before 3.22 Cinder ignores the snapshot metadata filter.
        assertEquals(2, names(client.get("/snapshots?" + filter)).size());
        SimClient v322 = client.microversion("3.22");
        assertEquals(List.of("a"), names(v322.get("/snapshots?" + filter)));
        assertEquals(List.of("a"), names(v322.get("/snapshots?metadata=%7B%27owner%27%3A+%27me%27%7D")));
        assertTrue(names(client.get("/snapshots?unknown=1")).isEmpty());
        assertFalse(names(client.get("/snapshots/detail")).isEmpty());
    }

    @Test
    void volumeListsSummaryDetailAndMetadataFilter() {
        client.availableVolume("plain", 1);
        HttpResponse<String> created = client.post("/volumes", "{\"volume\":{\"name\":\"tagged\",\"size\":1,\"metadata\":{\"t\":\"1\"}}}");
        assertEquals(202, created.statusCode());
        JsonNode summary = SimClient.json(client.get("/volumes")).path("volumes").get(0);
        assertEquals(List.of("id", "name", "links"), fieldNames(summary));
        assertEquals(List.of("tagged"), names(client.get("/volumes/detail?metadata=%7B%22t%22%3A%221%22%7D"), "volumes"));
        assertEquals(List.of("plain"), names(client.get("/volumes?name=plain"), "volumes"));
        JsonNode page = SimClient.json(client.get("/volumes?limit=1"));
        assertTrue(page.path("volumes_links").get(0).path("href").asText().contains("marker="));
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> names(HttpResponse<String> r) {
        return names(r, "snapshots");
    }

    private static List<String> names(HttpResponse<String> r, String key) {
        assertEquals(200, r.statusCode(), r.body());
        List<String> names = new ArrayList<>();
        SimClient.json(r).path(key).forEach(s -> names.add(s.path("name").asText()));
        return names;
    }
}
