package dev.openstack.snapshots.simulator.faults;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * When each call addressed to one resource (a snapshot or volume id in the path) reached the simulator: the truth
 * for "how late did the operator act", e.g. keptUntil to the Cinder DELETE. Listings are not logged, so a long
 * running simulator polled forever does not grow it; the oldest entries go beyond {@link #CAPACITY}.
 */
public final class RequestLog {

    /** One call: its operation name (as in the counters), the resource id from the path, when it arrived. */
    public record Entry(String operation, String resourceId, Instant at) {
    }

    static final int CAPACITY = 100_000;

    private final Clock clock;
    private final Deque<Entry> entries = new ArrayDeque<>();

    public RequestLog(Clock clock) {
        this.clock = clock;
    }

    public synchronized void record(String operation, String resourceId) {
        if (entries.size() == CAPACITY) {
            entries.removeFirst();
        }
        entries.addLast(new Entry(operation, resourceId, clock.instant()));
    }

    /** The logged calls of this operation, oldest first. */
    public synchronized List<Entry> entries(String operation) {
        return entries.stream().filter(e -> e.operation().equals(operation)).toList();
    }

    public synchronized void clear() {
        entries.clear();
    }
}
