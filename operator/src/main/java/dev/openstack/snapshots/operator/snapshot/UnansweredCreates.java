package dev.openstack.snapshots.operator.snapshot;

import dev.openstack.snapshots.operator.cinder.TransientCinderException;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Creates that got no answer (read timeout, broken connection). Cinder may have accepted such a
 * request and still make the snapshot after the operator gave up, so the owner-tag lookup can come up
 * empty for a while; creating again at once would make a second snapshot. For a settle period after
 * an unanswered create, an empty lookup is not taken as "nothing there" and the object is retried
 * with backoff instead. (A monotonic clock: this is a wait, not business time.)
 */
final class UnansweredCreates {

    static final Duration SETTLE = Duration.ofSeconds(30);

    private final Map<ResourceID, Long> since = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;

    UnansweredCreates() {
        this(System::nanoTime);
    }

    UnansweredCreates(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Notes {@code failure} of a create if it was one without an answer (HTTP status 0). */
    void noteFailure(ResourceID id, TransientCinderException failure) {
        if (failure.httpStatus() == 0) {
            since.put(id, nanoTime.getAsLong());
        }
    }

    /** Throws a transient error while a create of {@code id} without answer may still land in Cinder. */
    void requireSettled(ResourceID id, String what) {
        Long at = since.get(id);
        if (at == null) {
            return;
        }
        if (nanoTime.getAsLong() - at >= SETTLE.toNanos()) {
            since.remove(id);
            return;
        }
        throw new TransientCinderException("the last create of " + what + " got no answer from Cinder; waiting up to "
                + SETTLE.toSeconds() + "s for it to appear before creating again", 0, null, null);
    }

    void forget(ResourceID id) {
        since.remove(id);
    }
}
