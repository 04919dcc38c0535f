package dev.openstack.snapshots.simulator.store;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Resources by id and in Cinder's default list order (created_at desc, id desc), so that a page after a marker
 * is a tail view instead of a scan from the start. Not thread-safe: the store lock guards it.
 */
public final class OrderedIndex<T extends Resource> {

    /** Cinder's default sort keys: {@code created_at desc, id desc}. */
    public static final Comparator<Resource> DEFAULT_ORDER = Comparator.comparing(Resource::createdAt)
            .thenComparing(Resource::id).reversed();

    private final Map<String, T> byId = new HashMap<>();
    private final NavigableMap<Resource, T> ordered = new TreeMap<>(DEFAULT_ORDER);

    public void put(T resource) {
        byId.put(resource.id(), resource);
        ordered.put(resource, resource);
    }

    public T get(String id) {
        return byId.get(id);
    }

    public T remove(String id) {
        T removed = byId.remove(id);
        if (removed != null) {
            ordered.remove(removed);
        }
        return removed;
    }

    public Collection<T> inOrder() {
        return ordered.values();
    }

    /** Everything strictly after {@code marker} in default order. */
    public Collection<T> after(T marker) {
        return ordered.tailMap(marker, false).values();
    }

    public Collection<T> all() {
        return byId.values();
    }

    public int size() {
        return byId.size();
    }

    public void clear() {
        byId.clear();
        ordered.clear();
    }
}
