package dev.openstack.snapshots.simulator.faults;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Calls per operation name, for benchmarks and for tests that assert how often the operator called Cinder. */
public final class RequestCounters {

    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();

    public void increment(String operation) {
        counts.computeIfAbsent(operation, k -> new AtomicLong()).incrementAndGet();
    }

    void started() {
        inFlight.incrementAndGet();
    }

    void finished() {
        inFlight.decrementAndGet();
    }

    /**
     * Counted operations entered and not yet answered, hangs included: a test that stops a client mid-call waits
     * for zero before it starts another one, so the dead client's last call cannot land after the new one's.
     */
    public int inFlight() {
        return inFlight.get();
    }

    public long get(String operation) {
        AtomicLong c = counts.get(operation);
        return c == null ? 0 : c.get();
    }

    public Map<String, Long> snapshot() {
        Map<String, Long> result = new TreeMap<>();
        counts.forEach((k, v) -> result.put(k, v.get()));
        return result;
    }

    public void reset() {
        counts.clear();
    }
}
