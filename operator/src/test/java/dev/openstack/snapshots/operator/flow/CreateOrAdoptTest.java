package dev.openstack.snapshots.operator.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openstack.snapshots.operator.adoption.CreateGuard;
import dev.openstack.snapshots.operator.adoption.OwnerMatch;
import dev.openstack.snapshots.operator.api.SnapshotRestoration;
import dev.openstack.snapshots.operator.api.SnapshotRestorationStatus;
import dev.openstack.snapshots.operator.cinder.DeleteOutcome;
import dev.openstack.snapshots.operator.cinder.TerminalCinderException;
import dev.openstack.snapshots.operator.cinder.TransientCinderException;
import dev.openstack.snapshots.operator.events.TransitionEvents;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The first step of the shared flow against a fake kind: what it writes, in which order, and what it never does
 * (create twice, create while an unanswered create may land, anything after the create in the same pass).
 */
@EnableKubernetesMockClient(crud = true)
class CreateOrAdoptTest {

    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    KubernetesClient client;

    /** A backend resource: its id and when it was made. */
    record Resource(String id) {
    }

    /** The object as the API server has it, and the log of what the flow did. */
    final List<String> log = new ArrayList<>();
    SnapshotRestoration server;
    List<Resource> owned = new ArrayList<>();
    RuntimeException createFails;
    int conflicts;

    CreateOrAdopt<SnapshotRestoration, Resource> flow;

    @BeforeEach
    void setUp() {
        server = object(null, null);
        flow = new CreateOrAdopt<>(new CreateGuard(READ_TIMEOUT), Clock.fixed(NOW, ZoneOffset.UTC),
                new RefusalReports(new TransitionEvents(client, Clock.systemUTC())));
    }

    static SnapshotRestoration object(String linked, Instant requested) {
        SnapshotRestoration r = new SnapshotRestoration();
        r.setMetadata(new ObjectMetaBuilder().withNamespace("ns").withName("o").withUid("uid-o").withGeneration(1L).build());
        SnapshotRestorationStatus status = new SnapshotRestorationStatus();
        status.setVolumeID(linked);
        status.setCreateRequestedAt(requested == null ? null : requested.toString());
        r.setStatus(status);
        return r;
    }

    final CreateOrAdopt.Records<SnapshotRestoration, Resource> records = new CreateOrAdopt.Records<>() {
        @Override
        public SnapshotRestoration fresh(SnapshotRestoration cached) {
            log.add("fresh");
            return server;
        }

        @Override
        public String linkedId(SnapshotRestoration object) {
            return object.getStatus().getVolumeID();
        }

        @Override
        public Instant requestedAt(SnapshotRestoration object) {
            String at = object.getStatus().getCreateRequestedAt();
            return at == null ? null : Instant.parse(at);
        }

        @Override
        public void waitingForCreate(SnapshotRestoration object, Instant requested, Instant until) {
            log.add("waiting until " + until);
        }

        @Override
        public SnapshotRestoration markCreate(SnapshotRestoration object, Instant at) {
            log.add("mark " + at);
            server = object(null, at);
            return server;
        }

        @Override
        public void clearMark(SnapshotRestoration marked) {
            log.add("clear mark");
            server = object(null, null);
        }

        @Override
        public SnapshotRestoration link(SnapshotRestoration object, Resource backend, boolean created) {
            if (conflicts-- > 0) {
                server = object("someone-else", null);
                throw new KubernetesClientException("conflict", 409, null);
            }
            log.add((created ? "link created " : "link adopted ") + backend.id());
            server = object(backend.id(), null);
            return server;
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
        public OwnerMatch.Sorted<Resource> findOwned(SnapshotRestoration object) {
            log.add("find owned");
            return new OwnerMatch.Sorted<>(owned, List.of());
        }

        @Override
        public Resource create(SnapshotRestoration object, dev.openstack.snapshots.operator.cinder.SendDeadline sendBy) {
            log.add("create, marked " + object.getStatus().getCreateRequestedAt());
            if (createFails != null) {
                throw createFails;
            }
            return new Resource("new-1");
        }

        @Override
        public DeleteOutcome delete(SnapshotRestoration object, String id) {
            throw new AssertionError("the create step never deletes");
        }

        @Override
        public boolean isTransitional(Resource backend) {
            return false;
        }
    };

    CreateOrAdopt.Link<SnapshotRestoration, Resource> pass() {
        return flow.linkOrCreate(object(null, null), records, actuator);
    }

    @Test
    void theMarkIsWrittenBeforeTheCreateAndTheAnswerIsLinked() {
        var linked = assertInstanceOf(CreateOrAdopt.Linked.class, pass());
        assertTrue(linked.created());
        assertEquals("new-1", linked.id());
        assertEquals(List.of("fresh", "find owned", "mark " + NOW, "create, marked " + NOW, "link created new-1"), log);
    }

    @Test
    void whatIsWhollyOursIsAdoptedTheOldestFirstAndNothingIsCreated() {
        owned = List.of(new Resource("old"), new Resource("newer"));
        var linked = assertInstanceOf(CreateOrAdopt.Linked.class, pass());
        assertEquals("old", linked.id());
        assertEquals(List.of("fresh", "find owned", "link adopted old"), log);
    }

    @Test
    void anObjectLinkedMeanwhileIsLeftAsItIs() {
        server = object("linked-1", null);
        var linked = assertInstanceOf(CreateOrAdopt.Linked.class, pass());
        assertEquals("linked-1", linked.id());
        assertNull(linked.backend(), "nothing linked by this pass");
        assertEquals(List.of("fresh"), log);
    }

    @Test
    void nothingIsCreatedWhileAnUnansweredCreateMayStillLand() {
        server = object(null, NOW.minusSeconds(10));
        var waiting = assertInstanceOf(CreateOrAdopt.Waiting.class, pass());
        assertEquals(List.of("fresh", "find owned", "waiting until " + NOW.minusSeconds(10).plus(CreateGuard.SEND_WITHIN).plus(READ_TIMEOUT)), log);
        assertTrue(waiting.delay().compareTo(Duration.ofSeconds(5)) <= 0, "looks again at least every 5 s");
    }

    @Test
    void aRefusalClearsTheMarkAndNoAnswerKeepsIt() {
        createFails = new TerminalCinderException("quota", 413, "req-1", null);
        assertThrows(TerminalCinderException.class, this::pass);
        assertEquals("clear mark", log.get(log.size() - 1), "Cinder answered: it made nothing");

        log.clear();
        createFails = new TransientCinderException("read timeout", 0, null, null);
        assertThrows(TransientCinderException.class, this::pass);
        assertEquals("create, marked " + NOW, log.get(log.size() - 1), "no answer: the mark stays");
        createFails = null;
        log.clear();
        server = object(null, null); // even with the mark gone, this process waits for the answer to settle
        assertThrows(TransientCinderException.class, this::pass);
        assertTrue(log.stream().noneMatch(line -> line.startsWith("create")), log.toString());
    }

    @Test
    void aCreateThatNeverLeftClearsTheMarkLikeARefusal() {
        createFails = TransientCinderException.notSent("create volume not sent: no free OpenStack call slot in time");
        assertThrows(TransientCinderException.class, this::pass);
        assertEquals("clear mark", log.get(log.size() - 1), "never sent: Cinder cannot make it, nothing to wait for");
    }

    @Test
    void aConflictingLinkIsRetriedOnAFreshCopyAndYieldsToTheLinkFoundThere() {
        conflicts = 1;
        var linked = assertInstanceOf(CreateOrAdopt.Linked.class, pass());
        assertEquals("someone-else", linked.id());
        assertNull(linked.backend());
        assertEquals(List.of("fresh", "find owned", "mark " + NOW, "create, marked " + NOW, "fresh"), log);
    }
}
