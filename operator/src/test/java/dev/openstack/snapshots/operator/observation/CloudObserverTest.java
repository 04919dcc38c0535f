package dev.openstack.snapshots.operator.observation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openstack.snapshots.operator.cinder.BlockStorage;
import dev.openstack.snapshots.operator.cinder.CinderSnapshot;
import dev.openstack.snapshots.operator.cinder.CinderSnapshots;
import dev.openstack.snapshots.operator.cinder.CinderVolumes;
import dev.openstack.snapshots.operator.cinder.DeleteOutcome;
import dev.openstack.snapshots.operator.cinder.NewSnapshot;
import dev.openstack.snapshots.operator.cinder.Page;
import dev.openstack.snapshots.operator.cinder.TransientCinderException;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The poller's view and triggering, driven round by round over an in-memory listing. */
class CloudObserverTest {

    /** A listing of snapshots, paged like Cinder, that can be told to fail. */
    static class Listing implements CinderSnapshots {
        final Map<String, CinderSnapshot> items = new LinkedHashMap<>();
        int listCalls;
        final List<String> gets = new ArrayList<>();
        boolean failing;

        @Override
        public Page<CinderSnapshot> list(String marker, int limit) {
            listCalls++;
            if (failing) {
                throw new TransientCinderException("Cinder unreachable", 0, null, null);
            }
            List<CinderSnapshot> all = new ArrayList<>(items.values());
            int from = marker == null ? 0 : indexOf(all, marker) + 1;
            int to = Math.min(all.size(), from + limit);
            return new Page<>(all.subList(from, to), to < all.size() ? all.get(to - 1).id() : null);
        }

        private static int indexOf(List<CinderSnapshot> all, String id) {
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).id().equals(id)) {
                    return i;
                }
            }
            return -1;
        }

        void put(String id, String status) {
            items.put(id, new CinderSnapshot(id, id, null, status, "vol", 1, Map.of(), Instant.EPOCH, Instant.EPOCH));
        }

        @Override public Optional<CinderSnapshot> get(String id) {
            gets.add(id);
            return Optional.ofNullable(items.get(id));
        }
        @Override public List<CinderSnapshot> findByMetadata(String k, String v) { throw new UnsupportedOperationException(); }
        @Override public CinderSnapshot create(NewSnapshot s, dev.openstack.snapshots.operator.cinder.SendDeadline d) { throw new UnsupportedOperationException(); }
        @Override public CinderSnapshot update(String id, String n, String d) { throw new UnsupportedOperationException(); }
        @Override public Map<String, String> replaceMetadata(String id, Map<String, String> m) { throw new UnsupportedOperationException(); }
        @Override public DeleteOutcome delete(String id) { throw new UnsupportedOperationException(); }
    }

    final Listing listing = new Listing();
    final BlockStorage storage = new BlockStorage() {
        @Override public CinderSnapshots snapshots() { return listing; }
        @Override public CinderVolumes volumes() { throw new UnsupportedOperationException(); }
    };
    final CloudConnector connector = new CloudConnector((Secret s, String cloud) -> storage,
            (ns, name) -> Optional.of(new io.fabric8.kubernetes.api.model.SecretBuilder().withNewMetadata()
                    .withName(name).withNamespace(ns).endMetadata().addToData("clouds.yaml", "x").build()));
    final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    final CloudObserver observer = new CloudObserver(new CloudKey("ns", "secret", "cloud"), connector, scheduler,
            Duration.ofHours(1), Duration.ofHours(2), 2);
    final List<ResourceID> triggered = new ArrayList<>();
    final ChangeListener listener = triggered::add;
    final ResourceID owner = new ResourceID("s1", "ns");

    @AfterEach
    void stop() {
        observer.close();
        scheduler.shutdownNow();
    }

    @Test
    void triggersOnlyWhenTheViewOfAWatchedSnapshotChanges() {
        listing.put("a", "creating");
        listing.put("other", "available");
        observer.watchSnapshot("a", owner, listener);
        assertTrue(observer.snapshot("a").isUnknown());

        observer.pollOnce();
        assertEquals(List.of(owner), triggered);
        assertEquals("creating", observer.snapshot("a").value().status());

        observer.pollOnce();
        assertEquals(1, triggered.size(), "no change, no trigger");

        listing.put("a", "available");
        observer.pollOnce();
        assertEquals(2, triggered.size());
        assertEquals("available", observer.snapshot("a").value().status());
    }

    @Test
    void aRequestedChangeBringsTheNextListingForward() {
        listing.put("a", "deleting");
        observer.watchSnapshot("a", owner, listener); // the next listing is due in the fast interval: 1 hour here
        observer.changeRequested();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> listing.listCalls > 0);
        assertEquals(List.of(owner), triggered);
    }

    @Test
    void perObjectModeGetsEachWatchedSnapshotAndNeverLists() {
        CloudObserver perObject = new CloudObserver(new CloudKey("ns", "secret", "cloud"), connector, scheduler,
                Duration.ofHours(1), Duration.ofHours(2), 2, java.time.Clock.systemUTC(), ObservationMode.PER_OBJECT, Runnable::run);
        for (int i = 0; i < 5; i++) {
            listing.put("s" + i, "available");
        }
        perObject.watchSnapshot("s1", owner, listener);
        perObject.watchSnapshot("s3", new ResourceID("s3", "ns"), listener);
        perObject.pollOnce();
        assertEquals(0, listing.listCalls);
        assertEquals(List.of("s1", "s3"), listing.gets.stream().sorted().toList(), "one GET per watched snapshot");
        assertTrue(perObject.snapshot("s1").isPresent());

        listing.items.remove("s1"); // Cinder answers 404: gone, as a listing without it would say
        perObject.pollOnce();
        assertTrue(perObject.snapshot("s1").isAbsent());
        assertTrue(perObject.snapshot("s3").isPresent());
        perObject.close();
    }

    @Test
    void listsPageByPage() {
        for (int i = 0; i < 5; i++) {
            listing.put("s" + i, "available");
        }
        observer.watchSnapshot("s4", owner, listener);
        observer.pollOnce();
        assertEquals(3, listing.listCalls, "5 snapshots at 2 per page");
        assertTrue(observer.snapshot("s4").isPresent());
    }

    @Test
    void aFailedPollKeepsTheLastViewAndReportsNothingVanished() {
        listing.put("a", "available");
        observer.watchSnapshot("a", owner, listener);
        observer.pollOnce();
        listing.failing = true;
        observer.pollOnce();
        assertFalse(observer.healthy());
        assertTrue(observer.lastError().contains("unreachable"));
        assertTrue(observer.snapshot("a").isPresent());
        assertTrue(observer.trouble().orElseThrow().error().contains("unreachable"));
        assertEquals(2, triggered.size(), "watchers are told once that the cloud turned unhealthy");
        observer.pollOnce();
        assertEquals(2, triggered.size(), "not once per failing poll");

        listing.failing = false;
        listing.items.remove("a");
        observer.pollOnce();
        assertTrue(observer.healthy());
        assertTrue(observer.trouble().isEmpty());
        assertTrue(observer.snapshot("a").isAbsent(), "only a complete listing reports it gone");
        assertEquals(3, triggered.size());
    }

    @Test
    void aRecordedValueIsNotOverwrittenByAnOlderListing() {
        observer.watchSnapshot("new", owner, listener);
        observer.pollOnce(); // a listing that did not contain it yet
        assertTrue(observer.snapshot("new").isAbsent());
        listing.put("new", "creating");
        observer.recordSnapshot("new", listing.items.get("new"));
        assertTrue(observer.snapshot("new").isPresent());
    }

    @Test
    void unwatchedSnapshotsAreNotListed() {
        observer.watchSnapshot("a", owner, listener);
        observer.unwatch(owner, listener);
        observer.pollOnce();
        assertEquals(0, listing.listCalls);
    }

    @Test
    void coverageCountsWatchedSnapshotsNoListingHasCoveredYet() {
        listing.put("a", "available");
        observer.watchSnapshot("a", owner, listener);
        observer.watchSnapshot("b", new ResourceID("s2", "ns"), listener);
        assertEquals(new Coverage(2, 2), observer.snapshotCoverage(), "just started: nothing observed");

        listing.failing = true;
        observer.pollOnce();
        assertEquals(new Coverage(2, 2), observer.snapshotCoverage(), "a failed listing observes nothing");

        listing.failing = false;
        observer.pollOnce();
        assertEquals(new Coverage(2, 0), observer.snapshotCoverage(), "one listed, one absent: both observed");
        observer.watchSnapshot("c", new ResourceID("s3", "ns"), listener);
        assertEquals(new Coverage(3, 1), observer.snapshotCoverage());
        assertEquals(Coverage.NONE, observer.volumeCoverage());
    }

    @Test
    void perObjectModeRunsItsGetsAtOnceOnThePoolItIsGiven() throws InterruptedException {
        java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
        Listing slow = new Listing() {
            @Override
            public Optional<CinderSnapshot> get(String id) {
                most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                inFlight.decrementAndGet();
                return Optional.ofNullable(items.get(id));
            }
        };
        for (int i = 0; i < 8; i++) {
            slow.put("s" + i, "available");
        }
        BlockStorage slowStorage = new BlockStorage() {
            @Override public CinderSnapshots snapshots() { return slow; }
            @Override public CinderVolumes volumes() { throw new UnsupportedOperationException(); }
        };
        CloudConnector slowConnector = new CloudConnector((Secret s, String cloud) -> slowStorage,
                (ns, name) -> Optional.of(new io.fabric8.kubernetes.api.model.SecretBuilder().withNewMetadata()
                        .withName(name).withNamespace(ns).endMetadata().addToData("clouds.yaml", "x").build()));
        java.util.concurrent.ExecutorService pool = Executors.newFixedThreadPool(4);
        CloudObserver perObject = new CloudObserver(new CloudKey("ns", "secret", "cloud"), slowConnector, scheduler,
                Duration.ofHours(1), Duration.ofHours(2), 2, java.time.Clock.systemUTC(), ObservationMode.PER_OBJECT, pool);
        for (int i = 0; i < 8; i++) {
            perObject.watchSnapshot("s" + i, new ResourceID("s" + i, "ns"), listener);
        }
        perObject.pollOnce();
        assertEquals(4, most.get(), "as many GETs at once as the pool has threads, not one after another");
        assertEquals(new Coverage(8, 0), perObject.snapshotCoverage());
        perObject.close();
        pool.shutdownNow();
    }

    @Test
    void watchingAKnownSnapshotAgainDoesNotBringTheListingForward() {
        // Every reconcile watches its id again, the periodic resync included: 17 a second at 10,000 objects.
        CloudObserver quick = new CloudObserver(new CloudKey("ns", "secret", "cloud"), connector, scheduler,
                Duration.ofMillis(50), Duration.ofHours(2), 2);
        listing.put("a", "available");
        quick.watchSnapshot("a", owner, listener);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> quick.snapshot("a").isPresent());
        int listed = listing.listCalls;

        for (int i = 0; i < 5; i++) {
            quick.watchSnapshot("a", owner, listener);
        }
        org.awaitility.Awaitility.await().pollDelay(Duration.ofMillis(500)).until(() -> true);
        assertEquals(listed, listing.listCalls, "a known, stable snapshot waits for the slow interval");

        listing.put("b", "available");
        quick.watchSnapshot("b", new ResourceID("s2", "ns"), listener);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> quick.snapshot("b").isPresent());

        // A create's answer is recorded before its object watches it: the new watch still wants a listing soon.
        listing.put("c", "creating");
        quick.recordSnapshot("c", listing.items.get("c"));
        listing.put("c", "available");
        quick.watchSnapshot("c", new ResourceID("s3", "ns"), listener);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> "available".equals(quick.snapshot("c").value().status()));
        quick.close();
    }
}
