package dev.openstack.snapshots.operator.observation;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The last known state of one kind of Cinder resource (snapshots or volumes) of one cloud, and who
 * watches which id. Every change gets a number from a shared sequence, so that a listing that started
 * before a watch (or before a reconciler recorded a fresher value) cannot report it absent or stale.
 */
final class ResourceView<T> {

    private record Entry<T>(T value, long seq) {
    }

    private record Watch(ResourceID owner, ChangeListener listener, long seq) {
    }

    private final Function<T, String> id;
    private final AtomicLong sequence;
    private final Map<String, Entry<T>> entries = new HashMap<>();
    private final Watches<Watch> watches = new Watches<>(Watch::owner);

    ResourceView(Function<T, String> id, AtomicLong sequence) {
        this.id = id;
        this.sequence = sequence;
    }

    /**
     * Adds the watch (once); true when it is new or nothing is known of the resource yet, so that a listing is wanted
     * soon. A watcher that only watches again (every reconcile does) gets false.
     */
    synchronized boolean watch(String resourceId, ResourceID owner, ChangeListener listener) {
        boolean watching = watches.of(resourceId).stream()
                .anyMatch(w -> w.owner().equals(owner) && w.listener() == listener);
        if (!watching) {
            watches.add(resourceId, new Watch(owner, listener, sequence.incrementAndGet()));
        }
        return !watching || !entries.containsKey(resourceId);
    }

    /** Ends {@code listener}'s watches for {@code owner}; what nobody watches any more is forgotten. */
    synchronized void unwatch(ResourceID owner, ChangeListener listener) {
        watches.remove(owner, w -> w.listener() == listener).forEach(entries::remove);
    }

    /** Everyone watching anything here, to tell them all when the cloud's health changes. */
    synchronized Map<ResourceID, Set<ChangeListener>> allWatchers() {
        Map<ResourceID, Set<ChangeListener>> all = new HashMap<>();
        watches.byKey().values().forEach(set -> set.forEach(w ->
                all.computeIfAbsent(w.owner(), k -> new HashSet<>()).add(w.listener())));
        return all;
    }

    /** The ids someone watches, for a poll that GETs each one. */
    synchronized List<String> watchedIds() {
        return List.copyOf(watches.byKey().keySet());
    }

    /** The watched ids, and how many of them no listing or direct read has covered yet. */
    synchronized Coverage coverage() {
        int unobserved = 0;
        for (String watched : watches.byKey().keySet()) {
            if (!entries.containsKey(watched)) {
                unobserved++;
            }
        }
        return new Coverage(watches.byKey().size(), unobserved);
    }

    synchronized boolean isWatched() {
        return !watches.byKey().isEmpty();
    }

    synchronized Observed<T> get(String resourceId) {
        Entry<T> e = entries.get(resourceId);
        if (e == null) {
            return Observed.unknown();
        }
        return e.value() == null ? Observed.absent() : Observed.present(e.value());
    }

    /** A value read directly (after a create, update or pull): fresher than any listing already running. */
    synchronized void record(String resourceId, T valueOrNullWhenGone) {
        entries.put(resourceId, new Entry<>(valueOrNullWhenGone, sequence.incrementAndGet()));
    }

    /** True while a watched resource is unknown or in a state that will change by itself. */
    synchronized boolean anyTransitional(Function<T, Boolean> transitional) {
        for (String watched : watches.byKey().keySet()) {
            Entry<T> e = entries.get(watched);
            if (e == null || (e.value() != null && transitional.apply(e.value()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Applies a complete listing that started at {@code roundSeq}; returns the watchers to trigger
     * because the view of what they watch changed.
     */
    Map<ResourceID, Set<ChangeListener>> applyListing(List<T> listing, long roundSeq) {
        Map<ResourceID, Set<ChangeListener>> toTrigger = new HashMap<>();
        synchronized (this) {
            Map<String, T> listed = new HashMap<>();
            listing.forEach(item -> listed.put(id.apply(item), item));
            for (Map.Entry<String, Set<Watch>> w : watches.byKey().entrySet()) {
                String resourceId = w.getKey();
                Entry<T> before = entries.get(resourceId);
                if (before != null && before.seq() > roundSeq) {
                    continue; // recorded after this listing started: the listing is older
                }
                T now = listed.get(resourceId);
                Entry<T> after;
                if (now != null) {
                    after = new Entry<>(now, roundSeq);
                } else {
                    boolean everyWatchOlderThanRound = w.getValue().stream().allMatch(x -> x.seq() < roundSeq);
                    after = everyWatchOlderThanRound ? new Entry<>(null, roundSeq) : before;
                }
                if (after == null) {
                    continue;
                }
                entries.put(resourceId, after);
                T beforeValue = before == null ? null : before.value();
                boolean changed = before == null || !java.util.Objects.equals(beforeValue, after.value());
                if (changed) {
                    w.getValue().forEach(x -> toTrigger.computeIfAbsent(x.owner(), k -> new HashSet<>()).add(x.listener()));
                }
            }
            // A value recorded for an id that nobody went on to watch (its reconcile failed in between) goes once a
            // listing started after it: nothing would ever remove it otherwise.
            entries.entrySet().removeIf(e -> e.getValue().seq() < roundSeq && !watches.byKey().containsKey(e.getKey()));
        }
        return toTrigger;
    }
}
