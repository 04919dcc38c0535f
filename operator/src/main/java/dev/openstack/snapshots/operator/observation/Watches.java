package dev.openstack.snapshots.operator.observation;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Who watches which key (a Cinder id, an owner uid), indexed both ways: ending an owner's watches, which every deletion
 * does, touches that owner's keys only. Scanning every watch of the cloud instead made deleting N objects O(N²)
 * (docs/benchmarks.md). Not thread-safe: its holder synchronizes.
 */
final class Watches<W> {

    private final Function<W, ResourceID> ownerOf;
    private final Map<String, Set<W>> byKey = new HashMap<>();
    private final Map<ResourceID, Set<String>> byOwner = new HashMap<>();

    Watches(Function<W, ResourceID> ownerOf) {
        this.ownerOf = ownerOf;
    }

    void add(String key, W watch) {
        byKey.computeIfAbsent(key, k -> new HashSet<>()).add(watch);
        byOwner.computeIfAbsent(ownerOf.apply(watch), k -> new HashSet<>()).add(key);
    }

    /** Every watched key with its watches, to read. */
    Map<String, Set<W>> byKey() {
        return Collections.unmodifiableMap(byKey);
    }

    /** The watches of {@code key}; empty when nobody watches it. */
    Set<W> of(String key) {
        return Collections.unmodifiableSet(byKey.getOrDefault(key, Set.of()));
    }

    /** Ends the watches of {@code owner} that {@code which} selects; returns the keys nobody watches any more. */
    List<String> remove(ResourceID owner, Predicate<W> which) {
        List<String> unwatched = new ArrayList<>();
        Set<String> keys = byOwner.getOrDefault(owner, Set.of());
        for (Iterator<String> it = keys.iterator(); it.hasNext(); ) {
            String key = it.next();
            Set<W> watches = byKey.get(key);
            watches.removeIf(w -> ownerOf.apply(w).equals(owner) && which.test(w));
            if (watches.isEmpty()) {
                byKey.remove(key);
                unwatched.add(key);
            }
            if (watches.stream().noneMatch(w -> ownerOf.apply(w).equals(owner))) {
                it.remove();
            }
        }
        if (keys.isEmpty()) {
            byOwner.remove(owner);
        }
        return unwatched;
    }
}
