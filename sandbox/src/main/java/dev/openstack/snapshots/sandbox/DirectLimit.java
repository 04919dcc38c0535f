package dev.openstack.snapshots.sandbox;

import dev.openstack.snapshots.operator.testing.admin.CinderAdmin;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The Cinder side of the physical limit: the same N snapshot creates sent straight to Cinder by a plain REST client,
 * with the operator's per-cloud concurrency limit, each waited for as the operator does, by listing (every
 * {@link #LIST_INTERVAL}, the operator's pace right after it asked for a change). No Kubernetes at all.
 */
final class DirectLimit {

    static final Duration LIST_INTERVAL = Duration.ofMillis(500);

    private DirectLimit() {
    }

    static RunFigures run(CinderAdmin cloud, List<String> volumes, int n, int concurrency) throws InterruptedException {
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Map<String, Long> availableAt = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        try {
            List<Future<?>> creates = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                creates.add(pool.submit(() -> {
                    long t = System.nanoTime();
                    sentAt.put(cloud.requestSnapshot(volumes.get(index % volumes.size()), "direct-" + index), t);
                }));
            }
            while (availableAt.size() < n) {
                long listedAt = System.nanoTime();
                for (JsonNode s : cloud.snapshots()) {
                    String id = s.path("id").asText();
                    if ("available".equals(s.path("status").asText()) && sentAt.containsKey(id)) {
                        availableAt.putIfAbsent(id, listedAt);
                    }
                }
                if (availableAt.size() < n) {
                    Thread.sleep(LIST_INTERVAL.toMillis());
                }
            }
            long allOk = System.nanoTime();
            for (Future<?> f : creates) {
                f.get();
            }
            RunFigures figures = RunFigures.of("direct (REST client -> Cinder)", (allOk - start) / 1e9,
                    sentAt.entrySet().stream().map(e -> (availableAt.get(e.getKey()) - e.getValue()) / 1e6).toList());
            Set<String> ids = Set.copyOf(sentAt.keySet());
            for (String id : ids) {
                pool.submit(() -> cloud.deleteSnapshot(id));
            }
            Waits.until("the direct run's snapshots deleted", Duration.ofMinutes(10), () -> noneLeft(cloud, ids));
            return figures;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new ScenarioFailure("Cinder refused a direct create: " + e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Whether a listing shows none of {@code ids}; a listing whose page marker was deleted meanwhile (404) says no. */
    private static boolean noneLeft(CinderAdmin cloud, Set<String> ids) {
        try {
            return cloud.snapshots().stream().map(s -> s.path("id").asText()).noneMatch(ids::contains);
        } catch (RuntimeException markerDeletedMeanwhile) {
            return false;
        }
    }
}
