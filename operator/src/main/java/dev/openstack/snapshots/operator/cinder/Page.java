package dev.openstack.snapshots.operator.cinder;

import java.util.List;

/** One page of a listing; {@code nextMarker} is null on the last page. */
public record Page<T>(List<T> items, String nextMarker) {

    public Page {
        items = List.copyOf(items);
    }

    public boolean isLast() {
        return nextMarker == null;
    }
}
