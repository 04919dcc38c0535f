package dev.openstack.snapshots.operator.observation;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * All the pollers of the operator: one {@link CloudObserver} per (namespace, Secret, cloud), created
 * on first use and shared by every reconciler (snapshots watch snapshots, restorations watch volumes).
 * Cost per interval is O(pages) per cloud, not O(objects).
 */
public final class BulkObservation implements AutoCloseable {

    private final CloudConnector connector;
    private final Duration fast;
    private final Duration slow;
    private final int pageSize;
    private final ScheduledExecutorService scheduler;
    private final Map<CloudKey, CloudObserver> observers = new ConcurrentHashMap<>();
    private final Clock clock;
    private final ObservationMode mode;
    private final ExecutorService gets;

    public BulkObservation(CloudConnector connector, Duration fast, Duration slow, int pageSize, int threads) {
        this(connector, fast, slow, pageSize, threads, Clock.systemUTC(), ObservationMode.BULK, 1);
    }

    /**
     * @param clock dates the start of a listing outage
     * @param mode listings (the default) or a GET per watched resource (the baseline the benchmark compares with)
     * @param concurrentCalls with a GET per resource, how many run at once (the per-cloud limit of Cinder calls)
     */
    public BulkObservation(CloudConnector connector, Duration fast, Duration slow, int pageSize, int threads,
            Clock clock, ObservationMode mode, int concurrentCalls) {
        this.clock = clock;
        this.mode = mode;
        this.connector = connector;
        this.fast = fast;
        this.slow = slow;
        this.pageSize = pageSize;
        AtomicInteger n = new AtomicInteger();
        this.scheduler = Executors.newScheduledThreadPool(threads, r -> {
            Thread t = new Thread(r, "cinder-poller-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        AtomicInteger g = new AtomicInteger();
        this.gets = mode == ObservationMode.PER_OBJECT ? Executors.newFixedThreadPool(concurrentCalls, r -> {
            Thread t = new Thread(r, "cinder-get-" + g.incrementAndGet());
            t.setDaemon(true);
            return t;
        }) : null;
    }

    /** The observer of {@code key}, created (not yet polling) when first asked for. */
    public CloudObserver cloud(CloudKey key) {
        return observers.computeIfAbsent(key, k -> new CloudObserver(k, connector, scheduler, fast, slow, pageSize, clock, mode,
                gets == null ? Runnable::run : gets));
    }

    /** The Cinder snapshots watched across all clouds, and how many of them are not yet observed. */
    public Coverage snapshotCoverage() {
        return observers.values().stream().map(CloudObserver::snapshotCoverage).reduce(Coverage.NONE, Coverage::plus);
    }

    /** The same for the volumes of restorations. */
    public Coverage volumeCoverage() {
        return observers.values().stream().map(CloudObserver::volumeCoverage).reduce(Coverage.NONE, Coverage::plus);
    }

    /** The connector the pollers use, for reconcilers that act on the same clouds. */
    public CloudConnector connector() {
        return connector;
    }

    @Override
    public void close() {
        observers.values().forEach(CloudObserver::close);
        scheduler.shutdownNow();
        if (gets != null) {
            gets.shutdownNow();
        }
    }
}
