package dev.openstack.snapshots.operator.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openstack.snapshots.operator.MonitoredOperator;
import dev.openstack.snapshots.operator.OperatorAssembly;
import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotSchedule;
import dev.openstack.snapshots.operator.api.SnapshotRestoration;
import dev.openstack.snapshots.operator.api.SnapshotState;
import dev.openstack.snapshots.operator.cinder.openstack.OpenStackClouds;
import dev.openstack.snapshots.operator.cloud.OpenStackSettings;
import dev.openstack.snapshots.operator.testing.OperatorHarness;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The state gauges count what the controllers' caches hold, per kind, namespace and state, and they cost the API
 * server nothing: no list and no watch of their own (issue 11: they used to run a second informer per kind).
 */
class ObjectStateMetricsIT {

    private static final String API = "/apis/blockstorage.openstack.dev/v1alpha1/";
    private static final List<String> PLURALS = List.of("openstacksnapshots", "snapshotrestorations",
            "openstacksnapshotschedules");

    static final OperatorHarness h = OperatorHarness.startWithKinds(OpenStackSnapshotSchedule.class);

    @AfterAll
    static void stop() {
        h.close();
    }

    @Test
    void countsObjectsPerStateFromTheControllersCaches() throws Exception {
        String ns = h.newNamespace();
        String volume = h.admin().createVolume("counted", 1);
        h.create(h.snapshotOf(ns, "ok-1", volume));
        h.create(h.snapshotOf(ns, "ok-2", volume));
        h.create(h.snapshotOf(ns, "erred", "00000000-0000-4000-8000-000000000000")); // no such volume
        h.awaitState(ns, "ok-1", SnapshotState.OK);
        h.awaitState(ns, "ok-2", SnapshotState.OK);
        h.awaitState(ns, "erred", SnapshotState.Erred);
        recordedRequests();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        OperatorAssembly operator = h.operator();
        ObjectStateMetrics metrics = new ObjectStateMetrics(registry, h.clock(), operator.cache(OpenStackSnapshot.class),
                operator.cache(SnapshotRestoration.class), operator.cache(OpenStackSnapshotSchedule.class));
        metrics.refresh();
        assertEquals(2.0, registry.find("openstack_snapshot_operator_objects").tag("namespace", ns).tag("state", "OK")
                .tag("kind", "OpenStackSnapshot").gauge().value());
        assertEquals(1.0, registry.find("openstack_snapshot_operator_objects").tag("namespace", ns).tag("state", "Erred")
                .tag("kind", "OpenStackSnapshot").gauge().value());
        assertTrue(listsAndWatches(recordedRequests()).isEmpty(), "counting asked the API server for nothing");
    }

    @Test
    void theMonitoredOperatorListsAndWatchesEachKindNoMoreThanItsControllersDo() throws Exception {
        h.stopOperator();
        try {
            recordedRequests();
            OperatorAssembly plain = new OperatorAssembly(h.client(),
                    new OpenStackClouds(OpenStackSettings.defaults(), h.clock()), h.clock(), OperatorHarness.TEST_SETTINGS)
                    .start();
            Map<String, Integer> controllers = settledListsAndWatches();
            plain.close();
            assertFalse(controllers.isEmpty(), "the controllers list and watch their kinds");

            MonitoredOperator monitored = MonitoredOperator.start(h.client(), OperatorHarness.TEST_SETTINGS, h.clock(),
                    Optional.empty(), 0);
            Map<String, Integer> withMetrics;
            try {
                withMetrics = settledListsAndWatches();
            } finally {
                monitored.close();
            }
            assertEquals(controllers, withMetrics, "the metrics read the controllers' caches, not informers of their own");
        } finally {
            h.startOperator();
        }
    }

    /** Lists and watches of our kinds, per plural and verb, once the informers have started (they start asynchronously). */
    private static Map<String, Integer> settledListsAndWatches() throws InterruptedException {
        Map<String, Integer> total = new TreeMap<>();
        Awaitility.await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(20)).until(() -> {
            List<String> more = listsAndWatches(recordedRequests());
            more.forEach(request -> total.merge(request, 1, Integer::sum));
            return more.isEmpty() && !total.isEmpty();
        });
        return total;
    }

    /** "list openstacksnapshots", "watch snapshotrestorations"...: a GET of a collection, not of one object. */
    private static List<String> listsAndWatches(List<RecordedRequest> requests) {
        List<String> found = new ArrayList<>();
        for (RecordedRequest request : requests) {
            String path = request.getPath();
            if (!"GET".equals(request.getMethod()) || path == null || !path.startsWith(API)) {
                continue;
            }
            int query = path.indexOf('?');
            String resource = (query < 0 ? path : path.substring(0, query)).replaceAll("/+$", "");
            String last = resource.substring(resource.lastIndexOf('/') + 1);
            if (PLURALS.contains(last)) {
                found.add((query >= 0 && path.substring(query).contains("watch=true") ? "watch " : "list ") + last);
            }
        }
        return found;
    }

    private static List<RecordedRequest> recordedRequests() throws InterruptedException {
        List<RecordedRequest> all = new ArrayList<>();
        RecordedRequest request;
        while ((request = h.server().takeRequest(1, TimeUnit.MILLISECONDS)) != null) {
            all.add(request);
        }
        return all;
    }
}
