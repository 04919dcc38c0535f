package dev.openstack.snapshots.operator.observation;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
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
    private final Map<String, Set<Watch>> watches = new HashMap<>();
    /** Which ids each owner watches: an unwatch (every deletion) touches those, not every watch of the cloud. */
    private final Map<ResourceID, Set<String>> watchedBy = new HashMap<>();

    ResourceView(Function<T, String> id, AtomicLong sequence) {
        this.id = id;
        this.sequence = sequence;
    }

    /**
     * Adds the watch (once); true when it is new or nothing is known of the resource yet, so that a listing is wanted
     * soon. A watcher that only watches again (every reconcile does) gets false.
     */
    synchronized boolean watch(String resourceId, ResourceID owner, ChangeListener listener) {
        Set<Watch> set = watches.computeIfAbsent(resourceId, k -> new HashSet<>());
        boolean watching = set.stream().anyMatch(w -> w.owner().equals(owner) && w.listener() == listener);
        if (!watching) {
            set.add(new Watch(owner, listener, sequence.incrementAndGet()));
            watchedBy.computeIfAbsent(owner, k -> new HashSet<>()).add(resourceId);
        }
        return !watching || !entries.containsKey(resourceId);
    }

    /** Ends {@code listener}'s watches for {@code owner}; what nobody watches any more is forgotten. */
    synchronized void unwatch(ResourceID owner, ChangeListener listener) {
        Set<String> ids = watchedBy.getOrDefault(owner, Set.of());
        for (Iterator<String> it = ids.iterator(); it.hasNext(); ) {
            String resourceId = it.next();
            Set<Watch> set = watches.getOrDefault(resourceId, new HashSet<>());
            set.removeIf(w -> w.owner().equals(owner) && w.listener() == listener);
            if (set.isEmpty()) {
                watches.remove(resourceId);
                entries.remove(resourceId);
            }
            if (set.stream().noneMatch(w -> w.owner().equals(owner))) {
                it.remove();
            }
        }
        if (ids.isEmpty()) {
            watchedBy.remove(owner);
        }
    }

    /** Everyone watching anything here, to tell them all when the cloud's health changes. */
    synchronized Map<ResourceID, Set<ChangeListener>> allWatchers() {
        Map<ResourceID, Set<ChangeListener>> all = new HashMap<>();
        watches.values().forEach(set -> set.forEach(w ->
                all.computeIfAbsent(w.owner(), k -> new HashSet<>()).add(w.listener())));
        return all;
    }

    /** The ids someone watches, for a poll that GETs each one. */
    synchronized List<String> watchedIds() {
        return List.copyOf(watches.keySet());
    }

    /** The watched ids, and how many of them no listing or direct read has covered yet. */
    synchronized Coverage coverage() {
        int unobserved = 0;
        for (String watched : watches.keySet()) {
            if (!entries.containsKey(watched)) {
                unobserved++;
            }
        }
        return new Coverage(watches.size(), unobserved);
    }

    synchronized boolean isWatched() {
        return !watches.isEmpty();
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
        for (String watched : watches.keySet()) {
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
            for (Map.Entry<String, Set<Watch>> w : watches.entrySet()) {
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
            entries.entrySet().removeIf(e -> e.getValue().seq() < roundSeq && !watches.containsKey(e.getKey()));
        }
        return toTrigger;
    }
}
