package dev.openstack.snapshots.operator.observation;

import dev.openstack.snapshots.operator.cinder.BlockStorage;
import dev.openstack.snapshots.operator.cinder.CinderSnapshot;
import dev.openstack.snapshots.operator.cinder.CinderVolume;
import dev.openstack.snapshots.operator.cinder.Page;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The poller of one {@link CloudKey}: lists the project's snapshots (and volumes, while someone
 * watches volumes) page by page, keeps the last view, and tells the watchers of what changed. Polls
 * fast while something watched is transitional, slowly otherwise. A failed poll keeps the last view
 * and marks the cloud unhealthy; it never reports anything as vanished. Watchers are triggered once
 * when the cloud turns unhealthy and once when it recovers, so that objects can say so (not per poll).
 */
public final class CloudObserver {

    private static final Logger LOG = LoggerFactory.getLogger(CloudObserver.class);
    private static final Set<String> STABLE_SNAPSHOT = Set.of("available", "error", "error_deleting");
    private static final Set<String> STABLE_VOLUME = Set.of("available", "in-use", "error", "error_deleting",
            "error_restoring", "error_extending", "error_managing");

    private final CloudKey key;
    private final CloudConnector connector;
    private final ScheduledExecutorService scheduler;
    private final Duration fast;
    private final Duration slow;
    private final int pageSize;
    private final ObservationMode mode;
    private final Executor gets;
    private final AtomicLong sequence = new AtomicLong();
    private final ResourceView<CinderSnapshot> snapshots = new ResourceView<>(CinderSnapshot::id, sequence);
    private final ResourceView<CinderVolume> volumes = new ResourceView<>(CinderVolume::id, sequence);
    private final OwnerTagIndex ownerTags = new OwnerTagIndex();
    private final Object scheduling = new Object();
    private ScheduledFuture<?> next;
    private long nextAtNanos;
    private boolean closed;
    private final Clock clock;
    private volatile boolean healthy = true;
    private volatile String lastError;
    private volatile ListingTrouble trouble;

    /** Listings have failed since {@code since}; {@code error} is why the first one failed. */
    public record ListingTrouble(Instant since, String error) {
    }

    /** How soon after a create or delete the next listing runs. */
    static final Duration SETTLE = Duration.ofMillis(500);

    CloudObserver(CloudKey key, CloudConnector connector, ScheduledExecutorService scheduler,
            Duration fast, Duration slow, int pageSize) {
        this(key, connector, scheduler, fast, slow, pageSize, Clock.systemUTC(), ObservationMode.BULK, Runnable::run);
    }

    /**
     * @param gets where the per-object mode's GETs run: a pool as large as the cloud's concurrency limit, so that the
     *             baseline polls as fast as the operator may call Cinder (cinder-csi and ORC GET from their workers)
     */
    CloudObserver(CloudKey key, CloudConnector connector, ScheduledExecutorService scheduler,
            Duration fast, Duration slow, int pageSize, Clock clock, ObservationMode mode, Executor gets) {
        this.clock = clock;
        this.mode = mode;
        this.gets = gets;
        this.key = key;
        this.connector = connector;
        this.scheduler = scheduler;
        this.fast = fast;
        this.slow = slow;
        this.pageSize = pageSize;
    }

    public CloudKey key() {
        return key;
    }

    /**
     * Watch a snapshot id for {@code owner}; the next listings will trigger it when the view changes. A new watch, or
     * an id not yet known, brings the next listing forward; watching again does not: every reconcile watches again
     * (the periodic resync reconciles 10,000 objects in 10 minutes, 17 a second), and each used to pull the listing
     * to the fast interval, so a steady state listed every 2 s instead of every slow interval.
     */
    public void watchSnapshot(String snapshotId, ResourceID owner, ChangeListener listener) {
        if (snapshots.watch(snapshotId, owner, listener)) {
            pollWithin(fast);
        }
    }

    /**
     * Watch the Cinder snapshots carrying owner uid {@code uid}: {@code owner} is triggered when a listing finds it on
     * more than one (a duplicate left by a create whose answer never came). Listed with the snapshots it watches.
     */
    public void watchOwnerTag(String uid, ResourceID owner, ChangeListener listener) {
        ownerTags.watch(uid, owner, listener);
    }

    /** The snapshots of the last listing tagged with owner uid {@code uid}, for a watched uid. */
    public List<CinderSnapshot> snapshotsTagged(String uid) {
        return ownerTags.tagged(uid);
    }

    /** Watch a volume id for {@code owner}; volumes are listed only while someone watches one. */
    public void watchVolume(String volumeId, ResourceID owner, ChangeListener listener) {
        if (volumes.watch(volumeId, owner, listener)) {
            pollWithin(fast);
        }
    }

    /**
     * A create or delete was just sent: list again {@link #SETTLE} from now (unless a listing is due sooner),
     * instead of a whole fast interval later. Cinder settles these in 70-200 ms (measured on real Cinder), so
     * an object learns the outcome within a second - what keeps an expiry within 2 s of keptUntil - without a
     * GET per object; a burst of changes shares the same listings, since this never postpones one.
     */
    public void changeRequested() {
        pollWithin(fast.compareTo(SETTLE) < 0 ? fast : SETTLE);
    }

    /** Stop watching anything for {@code owner} (its object is gone). */
    public void unwatch(ResourceID owner, ChangeListener listener) {
        snapshots.unwatch(owner, listener);
        volumes.unwatch(owner, listener);
        ownerTags.unwatch(owner, listener);
    }

    public Observed<CinderSnapshot> snapshot(String id) {
        return snapshots.get(id);
    }

    public Observed<CinderVolume> volume(String id) {
        return volumes.get(id);
    }

    /** Record what a direct GET (or create/update) just returned; null when Cinder said 404. */
    public void recordSnapshot(String id, CinderSnapshot snapshotOrNull) {
        snapshots.record(id, snapshotOrNull);
    }

    public void recordVolume(String id, CinderVolume volumeOrNull) {
        volumes.record(id, volumeOrNull);
    }

    public Coverage snapshotCoverage() {
        return snapshots.coverage();
    }

    public Coverage volumeCoverage() {
        return volumes.coverage();
    }

    /** False after a failed listing, until one succeeds. */
    public boolean healthy() {
        return healthy;
    }

    /**
     * Since when and why listings fail, while they do; empty when the last listing worked. Fixed for
     * the whole outage (the first error), so that reporting it does not change with every poll.
     */
    public Optional<ListingTrouble> trouble() {
        return Optional.ofNullable(trouble);
    }

    /** Why the last listing failed, or null. */
    public String lastError() {
        return lastError;
    }

    boolean isIdle() {
        return !snapshots.isWatched() && !volumes.isWatched();
    }

    void close() {
        synchronized (scheduling) {
            closed = true;
            if (next != null) {
                next.cancel(false);
            }
        }
    }

    /** Runs a listing within {@code delay} unless one is already due sooner. */
    private void pollWithin(Duration delay) {
        synchronized (scheduling) {
            if (closed) {
                return;
            }
            long at = System.nanoTime() + delay.toNanos();
            if (next != null && !next.isDone() && nextAtNanos - at <= 0) {
                return;
            }
            if (next != null) {
                next.cancel(false);
            }
            nextAtNanos = at;
            next = scheduler.schedule(this::pollOnce, delay.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** One listing round; package-private so tests can drive it without timers. */
    void pollOnce() {
        synchronized (this) { // one listing at a time per cloud
            if (isIdle()) {
                return;
            }
            long roundSeq = sequence.incrementAndGet();
            Map<ResourceID, Set<ChangeListener>> toTrigger = new HashMap<>();
            try {
                BlockStorage storage = connector.connect(key);
                if (snapshots.isWatched()) {
                    List<CinderSnapshot> all = mode == ObservationMode.BULK
                            ? listAll((marker, limit) -> storage.snapshots().list(marker, limit))
                            : getEach(snapshots.watchedIds(), id -> storage.snapshots().get(id), gets);
                    merge(toTrigger, snapshots.applyListing(all, roundSeq));
                    merge(toTrigger, ownerTags.applyListing(all));
                }
                if (volumes.isWatched()) {
                    List<CinderVolume> all = mode == ObservationMode.BULK
                            ? listAll((marker, limit) -> storage.volumes().list(marker, limit))
                            : getEach(volumes.watchedIds(), id -> storage.volumes().get(id), gets);
                    merge(toTrigger, volumes.applyListing(all, roundSeq));
                }
                if (!healthy) {
                    LOG.info("cloud {}: listing works again", key);
                    merge(toTrigger, everyWatcher());
                }
                healthy = true;
                lastError = null;
                trouble = null;
            } catch (RuntimeException e) {
                if (healthy) {
                    LOG.warn("cloud {}: listing failed, keeping the last view: {}", key, e.getMessage());
                    trouble = new ListingTrouble(clock.instant(), String.valueOf(e.getMessage()));
                    merge(toTrigger, everyWatcher());
                }
                healthy = false;
                lastError = e.getMessage();
            }
            toTrigger.forEach((owner, listeners) -> listeners.forEach(l -> l.changed(owner)));
        }
        boolean transitional = snapshots.anyTransitional(s -> !STABLE_SNAPSHOT.contains(s.status()))
                || volumes.anyTransitional(v -> !STABLE_VOLUME.contains(v.status()));
        synchronized (scheduling) {
            next = null;
        }
        if (!isIdle()) {
            pollWithin(transitional || !healthy ? fast : slow);
        }
    }

    private Map<ResourceID, Set<ChangeListener>> everyWatcher() {
        Map<ResourceID, Set<ChangeListener>> all = new HashMap<>();
        merge(all, snapshots.allWatchers());
        merge(all, volumes.allWatchers());
        return all;
    }

    private static <T> List<T> listAll(BiFunction<String, Integer, Page<T>> lister, int pageSize) {
        List<T> all = new ArrayList<>();
        String marker = null;
        do {
            Page<T> page = lister.apply(marker, pageSize);
            all.addAll(page.items());
            marker = page.nextMarker();
        } while (marker != null);
        return all;
    }

    /**
     * What a GET of each id finds: a listing of just those ids, where a 404 counts as not listed. The GETs run on
     * {@code gets}; any one failing fails the round, as a failed listing page does.
     */
    private static <T> List<T> getEach(List<String> ids, Function<String, Optional<T>> get,
            Executor gets) {
        List<CompletableFuture<Optional<T>>> answers = ids.stream()
                .map(id -> CompletableFuture.supplyAsync(() -> get.apply(id), gets)).toList();
        List<T> found = new ArrayList<>();
        for (CompletableFuture<Optional<T>> answer : answers) {
            try {
                answer.join().ifPresent(found::add);
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        return found;
    }

    private <T> List<T> listAll(BiFunction<String, Integer, Page<T>> lister) {
        return listAll(lister, pageSize);
    }

    private static void merge(Map<ResourceID, Set<ChangeListener>> into, Map<ResourceID, Set<ChangeListener>> more) {
        more.forEach((k, v) -> into.computeIfAbsent(k, x -> new java.util.HashSet<>()).addAll(v));
    }
}
