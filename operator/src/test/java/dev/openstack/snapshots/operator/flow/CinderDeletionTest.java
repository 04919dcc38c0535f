package dev.openstack.snapshots.operator.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openstack.snapshots.operator.adoption.CreateGuard;
import dev.openstack.snapshots.operator.adoption.OwnerMatch;
import dev.openstack.snapshots.operator.api.SnapshotRestoration;
import dev.openstack.snapshots.operator.cinder.DeleteOutcome;
import dev.openstack.snapshots.operator.observation.Observed;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The shared deletion against a fake kind: found by id or by tags, leftovers swept, unanswered creates waited for. */
class CinderDeletionTest {

    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    record Resource(String id, String status) {
    }

    final Map<String, Resource> cinder = new LinkedHashMap<>();
    final List<String> log = new ArrayList<>();
    String linked;
    Instant requested;
    final CinderDeletion<SnapshotRestoration, Resource> deletion =
            new CinderDeletion<>(new CreateGuard(Duration.ofSeconds(60)), Clock.fixed(NOW, ZoneOffset.UTC));
    final SnapshotRestoration object = new SnapshotRestoration();

    {
        object.setMetadata(new ObjectMetaBuilder().withNamespace("ns").withName("o").build());
    }

    final CinderDeletion.Records<SnapshotRestoration, Resource> records = new CinderDeletion.Records<>() {
        @Override
        public SnapshotRestoration fresh(SnapshotRestoration cached) {
            log.add("fresh");
            return cached;
        }

        @Override
        public String linkedId(SnapshotRestoration o) {
            return linked;
        }

        @Override
        public Instant requestedAt(SnapshotRestoration o) {
            return requested;
        }

        @Override
        public boolean sweepsOwned(SnapshotRestoration o) {
            return true;
        }

        @Override
        public Observed<Resource> look(SnapshotRestoration o, String id) {
            Resource r = cinder.get(id);
            return r == null ? Observed.absent() : Observed.present(r);
        }

        @Override
        public void vanished(SnapshotRestoration o, String id) {
            log.add("gone " + id);
        }

        @Override
        public void waitingForCreate(SnapshotRestoration o, Instant until) {
            log.add("waiting until " + until);
        }

        @Override
        public void inCinder(SnapshotRestoration o, Resource backend, boolean deleteSent) {
            log.add((deleteSent ? "deleting " : "waiting for ") + backend.id());
        }
    };

    final Actuator<SnapshotRestoration, Resource> actuator = new Actuator<>() {
        @Override
        public String noun() {
            return "resource";
        }

        @Override
        public String idOf(Resource backend) {
            return backend.id();
        }

        @Override
        public OwnerMatch.Sorted<Resource> findOwned(SnapshotRestoration o) {
            log.add("find owned");
            return new OwnerMatch.Sorted<>(List.copyOf(cinder.values()), List.of());
        }

        @Override
        public Resource create(SnapshotRestoration o, dev.openstack.snapshots.operator.cinder.SendDeadline sendBy) {
            throw new AssertionError("a deletion never creates");
        }

        @Override
        public DeleteOutcome delete(SnapshotRestoration o, String id) {
            log.add("delete " + id);
            return cinder.containsKey(id) ? DeleteOutcome.DELETING : DeleteOutcome.ALREADY_GONE;
        }

        @Override
        public boolean isTransitional(Resource backend) {
            return backend.status().equals("creating") || backend.status().equals("deleting");
        }
    };

    CinderDeletion.Progress pass() {
        return deletion.delete(object, records, actuator);
    }

    @Test
    void theLinkedResourceIsDeletedAndTheObjectWaitsUntilCinderLetsGo() {
        linked = "r1";
        cinder.put("r1", new Resource("r1", "available"));
        assertEquals(Optional.empty(), assertInstanceOf(CinderDeletion.Again.class, pass()).delay());
        assertEquals(List.of("delete r1", "deleting r1"), log);
        cinder.put("r1", new Resource("r1", "deleting"));
        log.clear();
        assertInstanceOf(CinderDeletion.Again.class, pass());
        assertEquals(List.of("waiting for r1"), log, "no second delete while Cinder is deleting");
        cinder.clear();
        log.clear();
        assertEquals("r1", assertInstanceOf(CinderDeletion.Done.class, pass()).lastId());
        assertEquals(List.of("gone r1", "find owned"), log);
    }

    @Test
    void withoutAnIdTheOwnerTagsFindWhatACrashCreated() {
        cinder.put("tagged", new Resource("tagged", "available"));
        assertInstanceOf(CinderDeletion.Again.class, pass());
        assertEquals(List.of("fresh", "find owned", "delete tagged", "deleting tagged"), log);
    }

    @Test
    void onceTheLinkedOneIsGoneALateDuplicateGoesToo() {
        linked = "r1";
        cinder.put("late", new Resource("late", "available"));
        assertInstanceOf(CinderDeletion.Again.class, pass());
        assertEquals(List.of("gone r1", "find owned", "delete late", "deleting late"), log);
    }

    @Test
    void nothingFoundWhileAnUnansweredCreateMayLandKeepsTheObject() {
        requested = NOW.minusSeconds(30);
        var again = assertInstanceOf(CinderDeletion.Again.class, pass());
        assertTrue(again.delay().isPresent());
        assertEquals(List.of("fresh", "find owned", "waiting until " + requested.plus(CreateGuard.SEND_WITHIN).plusSeconds(60)), log);
        requested = NOW.minusSeconds(120);
        log.clear();
        assertNull(assertInstanceOf(CinderDeletion.Done.class, pass()).lastId(), "nothing was ever made");
    }

    @Test
    void notFoundOnDeleteCountsAsDeleted() {
        linked = "r1";
        Map<String, Resource> view = Map.of("r1", new Resource("r1", "available"));
        cinder.putAll(view);
        CinderDeletion.Records<SnapshotRestoration, Resource> stale = new CinderDeletion.Records<>() {
            @Override public SnapshotRestoration fresh(SnapshotRestoration c) { return c; }
            @Override public String linkedId(SnapshotRestoration o) { return linked; }
            @Override public Instant requestedAt(SnapshotRestoration o) { return null; }
            @Override public boolean sweepsOwned(SnapshotRestoration o) { return true; }
            @Override public Observed<Resource> look(SnapshotRestoration o, String id) { return Observed.present(view.get(id)); }
            @Override public void vanished(SnapshotRestoration o, String id) { log.add("gone " + id); }
            @Override public void waitingForCreate(SnapshotRestoration o, Instant until) { }
            @Override public void inCinder(SnapshotRestoration o, Resource b, boolean sent) { log.add("in cinder"); }
        };
        cinder.clear(); // deleted behind the view's back
        assertEquals("r1", assertInstanceOf(CinderDeletion.Done.class, deletion.delete(object, stale, actuator)).lastId());
        assertEquals(List.of("delete r1", "gone r1"), log);
    }
}
