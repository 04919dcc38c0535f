package dev.openstack.snapshots.sandbox;

import dev.openstack.snapshots.operator.testing.admin.CinderAdmin;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Lists Cinder every second and remembers every id each owner ever had: more than one is a duplicate, even a brief one. */
final class CinderSampler {

    private final CinderAdmin cloud;
    private final Set<String> sources;
    private final Map<String, Set<String>> idsEverOwned = new ConcurrentHashMap<>();
    private volatile boolean running = true;
    private final Thread thread;

    CinderSampler(CinderAdmin cloud, Set<String> sources) {
        this.cloud = cloud;
        this.sources = sources;
        this.thread = new Thread(this::loop, "kill-campaign-sampler");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void stop() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join();
    }

    void record(CinderInventory inventory) {
        inventory.snapshotsByOwner().forEach((uid, ids) -> idsEverOwned.computeIfAbsent(uid, k -> ConcurrentHashMap.newKeySet()).addAll(ids));
        inventory.volumesByOwner().forEach((uid, ids) -> idsEverOwned.computeIfAbsent(uid, k -> ConcurrentHashMap.newKeySet()).addAll(ids));
    }

    int everDuplicated() {
        return (int) idsEverOwned.values().stream().filter(ids -> ids.size() > 1).count();
    }

    private void loop() {
        while (running) {
            try {
                record(CinderInventory.read(cloud, sources));
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // A listing that fails now is retried in a second; the final audit lists again anyway.
            }
        }
    }
}
