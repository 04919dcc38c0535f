package dev.openstack.snapshots.simulator.faults;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Calls per operation name, for benchmarks and for tests that assert how often the operator called Cinder. */
public final class RequestCounters {

    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

    public void increment(String operation) {
        counts.computeIfAbsent(operation, k -> new AtomicLong()).incrementAndGet();
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
