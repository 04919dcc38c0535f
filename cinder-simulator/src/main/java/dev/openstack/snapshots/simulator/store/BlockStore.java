package dev.openstack.snapshots.simulator.store;

import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * All volumes and snapshots of the simulated project, plus usage counters kept up to date on every change so
 * that quota checks cost O(1) even with tens of thousands of resources. One read/write lock guards everything:
 * each request runs its whole check-then-act under it, as a database transaction would.
 */
public final class BlockStore {

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final OrderedIndex<Volume> volumes = new OrderedIndex<>();
    private final OrderedIndex<Snapshot> snapshots = new OrderedIndex<>();
    private long gigabytes;

    public <T> T read(Supplier<T> work) {
        lock.readLock().lock();
        try {
            return work.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    public <T> T write(Supplier<T> work) {
        lock.writeLock().lock();
        try {
            return work.get();
        } finally {
            lock.writeLock().unlock();
        }
    }

    public void write(Runnable work) {
        write(() -> {
            work.run();
            return null;
        });
    }

    public OrderedIndex<Volume> volumes() {
        return volumes;
    }

    public OrderedIndex<Snapshot> snapshots() {
        return snapshots;
    }

    public void addVolume(Volume v) {
        volumes.put(v);
        gigabytes += v.size();
    }

    public void removeVolume(String id) {
        Volume v = volumes.remove(id);
        if (v != null) {
            gigabytes -= v.size();
        }
    }

    public void addSnapshot(Snapshot s) {
        snapshots.put(s);
        gigabytes += s.size();
    }

    public void removeSnapshot(String id) {
        Snapshot s = snapshots.remove(id);
        if (s != null) {
            gigabytes -= s.size();
        }
    }

    /** Volumes plus snapshots, as Cinder's {@code gigabytes} quota counts them. */
    public long gigabytes() {
        return gigabytes;
    }

    public boolean volumeHasSnapshots(String volumeId) {
        return snapshots.all().stream().anyMatch(s -> s.volumeId().equals(volumeId));
    }

    public void clear() {
        volumes.clear();
        snapshots.clear();
        gigabytes = 0;
    }
}
