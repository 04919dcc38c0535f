package dev.openstack.snapshots.simulator.faults;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs the asynchronous half of Cinder operations (creating → available, deleting → gone) after a delay that is
 * configurable per operation. One scheduler thread, so transitions scheduled with equal delays apply in order.
 */
public final class Transitions implements AutoCloseable {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cinder-simulator-transitions");
        t.setDaemon(true);
        return t;
    });
    private volatile Duration defaultDelay;
    private final Map<String, Duration> delays = new ConcurrentHashMap<>();

    public Transitions(Duration defaultDelay) {
        this.defaultDelay = defaultDelay;
    }

    public Duration delay(String operation) {
        return delays.getOrDefault(operation, defaultDelay);
    }

    public void setDelay(String operation, Duration delay) {
        delays.put(operation, delay);
    }

    public void setDefaultDelay(Duration delay) {
        this.defaultDelay = delay;
    }

    public Map<String, Duration> overrides() {
        return Map.copyOf(delays);
    }

    public void resetDelays(Duration defaultDelay) {
        delays.clear();
        this.defaultDelay = defaultDelay;
    }

    public void schedule(String operation, Runnable transition) {
        scheduler.schedule(transition, delay(operation).toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
