package dev.openstack.snapshots.simulator.cinder;

import dev.openstack.snapshots.simulator.errors.CinderFault;
import dev.openstack.snapshots.simulator.http.SimRequest;
import dev.openstack.snapshots.simulator.store.OrderedIndex;
import dev.openstack.snapshots.simulator.store.Snapshot;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ListQueryTest {

    private static SimRequest get(String query) {
        return new SimRequest("GET", "/volume/v3/p/snapshots", SimRequest.parseQuery(query), Map.of(), new byte[0], "http://h");
    }

    @Test
    void pagesThroughTwentyThousandSnapshotsByMarker() {
        OrderedIndex<Snapshot> index = new OrderedIndex<>();
        Instant t0 = Instant.parse("2030-01-01T00:00:00Z");
        for (int i = 0; i < 20_000; i++) {
            // Several snapshots per second, as in a bulk run: created_at ties are broken by id.
            index.put(new Snapshot(UUID.randomUUID().toString(), "p", t0.plusMillis(i * 200L), "s" + i, null, "v", 1));
        }
        Set<String> seen = new HashSet<>();
        String marker = null;
        int pages = 0;
        while (true) {
            ListQuery q = new ListQuery(get(marker == null ? "" : "marker=" + marker), Map.of());
            List<Snapshot> page = q.page(index, (s, f) -> true, Map.of(), CinderFault::snapshotNotFound);
            page.forEach(s -> assertTrue(seen.add(s.id())));
            pages++;
            if (q.nextLinks(page, "p", "snapshots").isEmpty()) {
                break;
            }
            marker = page.get(page.size() - 1).id();
        }
        assertEquals(20_000, seen.size());
        assertEquals(21, pages);
    }

    @Test
    void explicitSortAscendingByName() {
        OrderedIndex<Snapshot> index = new OrderedIndex<>();
        Instant t0 = Instant.parse("2030-01-01T00:00:00Z");
        for (String name : List.of("b", "c", "a")) {
            index.put(new Snapshot(UUID.randomUUID().toString(), "p", t0, name, null, "v", 1));
        }
        ListQuery q = new ListQuery(get("sort=name:asc"), Map.of("name", r -> r.name()));
        assertEquals(List.of("a", "b", "c"), q.page(index, (s, f) -> true, Map.of(), CinderFault::snapshotNotFound).stream().map(Snapshot::name).toList());
    }
}
