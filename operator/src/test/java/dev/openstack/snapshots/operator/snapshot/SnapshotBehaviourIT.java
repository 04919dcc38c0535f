package dev.openstack.snapshots.operator.snapshot;

import static dev.openstack.snapshots.operator.snapshot.SnapshotLifecycleIT.assertCondition;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openstack.snapshots.operator.api.DeletionPolicy;
import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.SnapshotState;
import dev.openstack.snapshots.operator.api.SourceVolume;
import dev.openstack.snapshots.operator.cinder.CinderSnapshot;
import dev.openstack.snapshots.operator.cinder.NewSnapshot;
import dev.openstack.snapshots.operator.testing.OperatorHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Import, pull, unlink, Retain, source resolution, vanishing, retention and crash safety. */
class SnapshotBehaviourIT {

    static final OperatorHarness h = OperatorHarness.startWithoutQuotas();

    @AfterAll
    static void stop() {
        h.close();
    }

    private static OpenStackSnapshot annotate(OpenStackSnapshot o, String key, String value) {
        if (o.getMetadata().getAnnotations() == null) {
            o.getMetadata().setAnnotations(new HashMap<>());
        }
        o.getMetadata().getAnnotations().put(key, value);
        return o;
    }

    @Test
    void importAdoptsAnExistingSnapshotWithoutTouchingIt() {
        String ns = h.newNamespace();
        String volume = h.admin().createVolume("v-import", 1);
        CinderSnapshot existing = h.cinder().snapshots().create(new NewSnapshot(volume, "made-by-hand", null, false,
                Map.of("owner", "ops")));
        OpenStackSnapshot s = h.snapshotOf(ns, "imported", null);
        s.getSpec().setSourceVolume(null);
        s.getSpec().setBackendID(existing.id());
        s.getSpec().setDeletionPolicy(DeletionPolicy.Retain);
        h.create(s);
        OpenStackSnapshot ok = h.awaitState(ns, "imported", SnapshotState.OK);
        assertEquals(existing.id(), ok.getStatus().getBackendID());
        assertEquals(volume, ok.getStatus().getSourceVolume().getId());
        CinderSnapshot after = h.cinder().snapshots().get(existing.id()).orElseThrow();
        assertEquals("made-by-hand", after.name(), "a spec without name does not rename an import");
        assertEquals(Map.of("owner", "ops"), after.metadata(), "nor touch its metadata");

        h.delete(ns, "imported");
        h.awaitGone(ns, "imported");
        assertTrue(h.cinder().snapshots().get(existing.id()).isPresent(), "Retain leaves the imported snapshot");
        h.cinder().snapshots().delete(existing.id());
    }

    @Test
    void importOfAMissingSnapshotIsNotFound() {
        String ns = h.newNamespace();
        OpenStackSnapshot s = h.snapshotOf(ns, "ghost", null);
        s.getSpec().setSourceVolume(null);
        s.getSpec().setBackendID("99999999-8888-7777-6666-555555555555");
        h.create(s);
        OpenStackSnapshot erred = h.awaitState(ns, "ghost", SnapshotState.Erred);
        assertCondition(erred, "Ready", "False", "NotFound");
        assertEquals(Outcome.NOT_FOUND_MESSAGE, erred.getStatus().getErrorMessage());
    }

    @Test
    void pullReReadsCinderAndEchoesTheAnnotation() {
        String ns = h.newNamespace();
        String volume = h.admin().createVolume("v-pull", 1);
        h.create(h.snapshotOf(ns, "s", volume));
        String id = h.awaitState(ns, "s", SnapshotState.OK).getStatus().getBackendID();
        h.admin().resetSnapshotStatus(id, "error");
        h.edit(ns, "s", o -> annotate(o, OpenStackSnapshot.PULL_ANNOTATION, "2026-01-01T00:00:00Z"));
        OpenStackSnapshot pulled = h.await(ns, "s", o -> "2026-01-01T00:00:00Z".equals(o.getStatus().getLastHandledPullAt()));
        assertEquals("error", pulled.getStatus().getRuntimeState());
        assertEquals(SnapshotState.Erred, pulled.getStatus().getState());
        assertCondition(pulled, "Ready", "False", "BackendError");
    }

    @Test
    void snapshotDeletedBehindOurBackIsReportedAndNeverRecreated() {
        String ns = h.newNamespace();
        String volume = h.admin().createVolume("v-vanish", 1);
        h.create(h.snapshotOf(ns, "s", volume));
        String id = h.awaitState(ns, "s", SnapshotState.OK).getStatus().getBackendID();
        h.cinder().snapshots().delete(id);
        OpenStackSnapshot erred = h.awaitState(ns, "s", SnapshotState.Erred);
        assertCondition(erred, "Ready", "False", "NotFound");
        assertEquals("Does not exist at backend", erred.getStatus().getErrorMessage());
        assertEquals(id, erred.getStatus().getBackendID());
        h.await(ns, "s", o -> h.cinderSnapshotsOfVolume(volume).isEmpty()); // stays empty: nothing re-created
        h.delete(ns, "s");
        h.awaitGone(ns, "s");
    }

    @Test
    void unlinkLetsAStuckCreatingObjectGoWithoutCallingCinder() {
        String ns = h.newNamespace();
        String volume = h.admin().createVolume("v-stuck", 1);
        h.simulator().controls().setTransitionDelay("snapshot.create", Duration.ofSeconds(30));
        try {
            h.create(h.snapshotOf(ns, "s", volume));
            h.awaitState(ns, "s", SnapshotState.Creating);
            long deletesBefore = h.simulator().controls().count("snapshot.delete");
            h.edit(ns, "s", o -> annotate(o, OpenStackSnapshot.UNLINK_ANNOTATION, "true"));
            h.delete(ns, "s");
            h.awaitGone(ns, "s");
            assertEquals(deletesBefore, h.simulator().controls().count("snapshot.delete"));
            assertEquals(1, h.cinderSnapshotsOfVolume(volume).size(), "the Cinder snapshot is left in place");
        } finally {
            h.simulator().controls().setTransitionDelay("snapshot.create", Duration.ofMillis(50));
        }
    }

    @Test
    void sourceVolumeByNameIsResolvedOnceAndRecorded() {
        String ns = h.newNamespace();
        String volume = h.admin().createVolume("unique-name-" + ns, 1);
        OpenStackSnapshot s = h.snapshotOf(ns, "s", null);
        SourceVolume byName = new SourceVolume();
        byName.setName("unique-name-" + ns);
        s.getSpec().setSourceVolume(byName);
        h.create(s);
        OpenStackSnapshot ok = h.awaitState(ns, "s", SnapshotState.OK);
        assertEquals(volume, ok.getStatus().getSourceVolume().getId());
        assertEquals("unique-name-" + ns, ok.getStatus().getSourceVolume().getName());
    }

    @Test
    void sourceVolumeByCinderCsiClaim() {
        String ns = h.newNamespace();
        String volume = h.admin().createVolume("v-pvc", 1);
        h.claim(ns, "pg-data", "pv-" + ns, "cinder.csi.openstack.org", volume);
        OpenStackSnapshot s = h.snapshotOf(ns, "s", null);
        SourceVolume byClaim = new SourceVolume();
        byClaim.setPersistentVolumeClaimName("pg-data");
        s.getSpec().setSourceVolume(byClaim);
        h.create(s);
        assertEquals(volume, h.awaitState(ns, "s", SnapshotState.OK).getStatus().getSourceVolume().getId());
        assertEquals(1, h.cinderSnapshotsOfVolume(volume).size());
    }

    @Test
    void keptUntilExpiryDeletesInCinderThenTheObject() {
        String ns = h.newNamespace();
        String volume = h.admin().createVolume("v-expiry", 1);
        OpenStackSnapshot s = h.snapshotOf(ns, "s", volume);
        Instant keptUntil = h.clock().instant().plusSeconds(3);
        s.getSpec().setKeptUntil(keptUntil.toString());
        h.create(s);
        OpenStackSnapshot ok = h.awaitState(ns, "s", SnapshotState.OK);
        assertEquals(keptUntil.toString(), ok.getStatus().getKeptUntil());
        h.awaitGone(ns, "s");
        assertEquals(0, h.cinderSnapshotsOfVolume(volume).size());
        assertTrue(h.eventReasons(ns, "s").contains("Expired"));
    }

    @Test
    void keptUntilRemovedKeepsForeverAndEditedMovesTheTimer() {
        String ns = h.newNamespace();
        String volume = h.admin().createVolume("v-expiry-edit", 1);
        OpenStackSnapshot s = h.snapshotOf(ns, "s", volume);
        s.getSpec().setKeptUntil(h.clock().instant().plusSeconds(3600).toString());
        h.create(s);
        h.awaitState(ns, "s", SnapshotState.OK);
        h.edit(ns, "s", o -> {
            o.getSpec().setKeptUntil(null);
            return o;
        });
        assertNull(h.await(ns, "s", o -> o.getStatus().getObservedGeneration() == 2L).getStatus().getKeptUntil());

        Instant soon = h.clock().instant().plusSeconds(2);
        h.edit(ns, "s", o -> {
            o.getSpec().setKeptUntil(soon.toString());
            return o;
        });
        h.awaitGone(ns, "s");
        assertEquals(0, h.cinderSnapshotsOfVolume(volume).size());
    }

    @Test
    void expiryThatPassedWhileTheOperatorWasDownHappensAtStart() {
        String ns = h.newNamespace();
        String volume = h.admin().createVolume("v-downtime", 1);
        OpenStackSnapshot s = h.snapshotOf(ns, "s", volume);
        s.getSpec().setKeptUntil(h.clock().instant().plus(Duration.ofDays(1)).toString());
        h.create(s);
        h.awaitState(ns, "s", SnapshotState.OK);
        h.stopOperator();
        h.clock().advance(Duration.ofDays(2));
        h.startOperator();
        h.awaitGone(ns, "s");
        assertEquals(0, h.cinderSnapshotsOfVolume(volume).size());
    }

    @Test
    void aSnapshotCreatedBeforeACrashIsAdoptedNotDuplicated() {
        String ns = h.newNamespace();
        String volume = h.admin().createVolume("v-crash", 1);
        h.stopOperator();
        OpenStackSnapshot s = h.create(h.snapshotOf(ns, "s", volume));
        // what the operator had created just before dying, before it could write status.backendID
        CinderSnapshot orphan = h.cinder().snapshots().create(new NewSnapshot(volume, "s", null, false,
                SnapshotActuator.ownerTags(s).asMetadata()));
        h.startOperator();
        OpenStackSnapshot ok = h.awaitState(ns, "s", SnapshotState.OK);
        assertEquals(orphan.id(), ok.getStatus().getBackendID());
        assertEquals(1, h.cinderSnapshotsOfVolume(volume).size());
    }

    @Test
    void deletionPolicyRetainLeavesTheCinderSnapshot() {
        String ns = h.newNamespace();
        String volume = h.admin().createVolume("v-retain", 1);
        OpenStackSnapshot s = h.snapshotOf(ns, "s", volume);
        s.getSpec().setDeletionPolicy(DeletionPolicy.Retain);
        h.create(s);
        String id = h.awaitState(ns, "s", SnapshotState.OK).getStatus().getBackendID();
        h.delete(ns, "s");
        h.awaitGone(ns, "s");
        assertEquals("available", h.cinder().snapshots().get(id).orElseThrow().status());
    }

    @Test
    void steadyStateWritesNoStatusAndNoEvents() throws InterruptedException {
        String ns = h.newNamespace();
        String volume = h.admin().createVolume("v-steady", 1);
        h.create(h.snapshotOf(ns, "s", volume));
        OpenStackSnapshot ok = h.awaitState(ns, "s", SnapshotState.OK);
        int events = h.events(ns, "s").size();
        Thread.sleep(1500); // ten fast poll intervals
        OpenStackSnapshot later = h.get(ns, "s");
        assertEquals(ok.getMetadata().getResourceVersion(), later.getMetadata().getResourceVersion());
        assertEquals(events, h.events(ns, "s").size());
    }
}
