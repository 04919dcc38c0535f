package dev.openstack.snapshots.operator.observation;

import dev.openstack.snapshots.operator.cinder.CinderSnapshot;
import dev.openstack.snapshots.operator.cinder.OwnerTags;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which Cinder snapshots of the last listing carry a watched owner uid. A create whose answer never came can land in
 * Cinder after the object was linked to another snapshot; the poller lists every snapshot anyway, so it sees such a
 * duplicate for free and triggers its owner (only when the uid is on more than one snapshot), which then removes it.
 * Only watched uids are kept, so the memory is that of the objects, not of the project.
 */
final class OwnerTagIndex {

    private record Watch(ResourceID owner, ChangeListener listener) {
    }

    private final Watches<Watch> watches = new Watches<>(Watch::owner);
    private final Map<String, List<CinderSnapshot>> tagged = new HashMap<>();

    synchronized void watch(String uid, ResourceID owner, ChangeListener listener) {
        watches.add(uid, new Watch(owner, listener));
    }

    synchronized void unwatch(ResourceID owner, ChangeListener listener) {
        watches.remove(owner, w -> w.listener() == listener).forEach(tagged::remove);
    }

    /** The snapshots of the last listing tagged with {@code uid} (empty before the first listing after the watch). */
    synchronized List<CinderSnapshot> tagged(String uid) {
        return tagged.getOrDefault(uid, List.of());
    }

    /** Applies a complete listing; returns the owners to trigger because their uid is now on several snapshots. */
    Map<ResourceID, Set<ChangeListener>> applyListing(List<CinderSnapshot> listing) {
        Map<ResourceID, Set<ChangeListener>> toTrigger = new HashMap<>();
        synchronized (this) {
            if (watches.byKey().isEmpty()) {
                return toTrigger;
            }
            Map<String, List<CinderSnapshot>> now = new HashMap<>();
            for (CinderSnapshot s : listing) {
                String uid = s.metadata().get(OwnerTags.UID);
                if (uid != null && watches.byKey().containsKey(uid)) {
                    now.computeIfAbsent(uid, k -> new ArrayList<>()).add(s);
                }
            }
            for (Map.Entry<String, Set<Watch>> w : watches.byKey().entrySet()) {
                List<CinderSnapshot> after = now.getOrDefault(w.getKey(), List.of());
                List<CinderSnapshot> before = tagged.put(w.getKey(), List.copyOf(after));
                if (after.size() > 1 && !Objects.equals(before, after)) {
                    w.getValue().forEach(x -> toTrigger.computeIfAbsent(x.owner(), k -> new HashSet<>()).add(x.listener()));
                }
            }
        }
        return toTrigger;
    }
}
