package dev.openstack.snapshots.operator.adoption;

import dev.openstack.snapshots.operator.cinder.TransientCinderException;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Creates that got no answer (read timeout, broken connection). Cinder may have accepted such a
 * request and still make the snapshot or volume after the operator gave up, so the owner-tag lookup can
 * come up empty for a while; creating again at once would make a second one. For a settle period after
 * an unanswered create, an empty lookup is not taken as "nothing there" and the object is retried
 * with backoff instead. (A monotonic clock: this is a wait, not business time.)
 *
 * <p>This is the in-process complement of {@link CreateGuard}: the persisted mark (status.createRequestedAt) is what
 * survives restarts and holds across processes; this memory only adds a longer settle while the process that saw the
 * timeout lives, for a Cinder that answers later than the read timeout.
 */
public final class UnansweredCreates {

    public static final Duration SETTLE = Duration.ofSeconds(30);

    private final Map<ResourceID, Long> since = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;

    public UnansweredCreates() {
        this(System::nanoTime);
    }

    public UnansweredCreates(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Notes {@code failure} of a create if it was one without an answer (HTTP status 0). */
    public void noteFailure(ResourceID id, TransientCinderException failure) {
        if (failure.httpStatus() == 0) {
            since.put(id, nanoTime.getAsLong());
        }
    }

    /** Throws a transient error while a create of {@code id} without answer may still land in Cinder. */
    public void requireSettled(ResourceID id, String what) {
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

    public void forget(ResourceID id) {
        since.remove(id);
    }
}
