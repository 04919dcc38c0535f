package dev.openstack.snapshots.operator.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openstack.snapshots.operator.api.DeletionPolicy;
import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.SnapshotState;
import dev.openstack.snapshots.operator.api.SourceVolume;
import dev.openstack.snapshots.operator.cinder.CinderSnapshot;
import dev.openstack.snapshots.operator.cinder.NewSnapshot;
import dev.openstack.snapshots.operator.source.SourceVolumeResolver;
import dev.openstack.snapshots.operator.testing.OperatorHarness;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimStatusBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, defects 2 and 3: what a user of one namespace can make the operator do to another namespace's snapshots
 * and volumes, when both namespaces' Secrets reach the same OpenStack project. An import of a snapshot another
 * object owns or manages is refused and never deleted; imports default to Retain; a claim only counts as a source
 * when Kubernetes bound it to its cinder-csi volume (phase Bound, claimRef by namespace, name and uid).
 */
class TenancyIT {

    static final OperatorHarness h = OperatorHarness.startWithoutQuotas();

    @AfterAll
    static void stop() {
        h.close();
    }

    @Test
    void importOfASnapshotAnotherNamespaceCreatedIsRefusedAndNeverDeleted() {
        String teamA = h.newNamespace();
        String hx = h.newNamespace();
        String volume = h.admin().createVolume("team-a-data", 1);
        h.create(h.snapshotOf(teamA, "pg", volume));
        String victim = h.awaitState(teamA, "pg", SnapshotState.OK).getStatus().getBackendID();

        OpenStackSnapshot hostile = importOf(hx, "steal", victim);
        hostile.getSpec().setDeletionPolicy(DeletionPolicy.Delete);
        h.create(hostile);
        OpenStackSnapshot erred = awaitInvalid(hx, "steal");
        assertTrue(erred.getStatus().getErrorMessage().contains("OpenStackSnapshot " + teamA + "/pg"),
                "names the owner: " + erred.getStatus().getErrorMessage());
        assertNull(erred.getStatus().getBackendID(), "never linked");

        h.delete(hx, "steal");
        h.awaitGone(hx, "steal");
        assertTrue(h.cinder().snapshots().get(victim).isPresent(), "deletionPolicy Delete deleted nothing of team-a's");
        OpenStackSnapshot owner = h.get(teamA, "pg");
        assertEquals(SnapshotState.OK, owner.getStatus().getState());
        assertEquals(victim, owner.getStatus().getBackendID());
    }

    @Test
    void aSnapshotCanBeImportedOnlyOnce() {
        String first = h.newNamespace();
        String second = h.newNamespace();
        String volume = h.admin().createVolume("hand-made-source", 1);
        CinderSnapshot handMade = h.cinder().snapshots().create(new NewSnapshot(volume, "by-hand", null, false, Map.of()));
        h.create(importOf(first, "imported", handMade.id()));
        h.awaitState(first, "imported", SnapshotState.OK);

        OpenStackSnapshot again = importOf(second, "again", handMade.id());
        again.getSpec().setDeletionPolicy(DeletionPolicy.Delete);
        h.create(again);
        OpenStackSnapshot erred = awaitInvalid(second, "again");
        assertTrue(erred.getStatus().getErrorMessage().contains("already managed by OpenStackSnapshot " + first + "/imported"),
                erred.getStatus().getErrorMessage());
        h.delete(second, "again");
        h.awaitGone(second, "again");
        assertTrue(h.cinder().snapshots().get(handMade.id()).isPresent(), "the refused import deleted nothing");
        assertEquals(SnapshotState.OK, h.get(first, "imported").getStatus().getState());
    }

    @Test
    void importsDefaultToRetainAndStatusShowsThePolicyInForce() {
        String ns = h.newNamespace();
        String volume = h.admin().createVolume("retain-default", 1);
        CinderSnapshot handMade = h.cinder().snapshots().create(new NewSnapshot(volume, "keep-me", null, false, Map.of()));
        h.create(importOf(ns, "imported", handMade.id()));
        h.create(h.snapshotOf(ns, "created", volume));
        assertEquals(DeletionPolicy.Retain, h.awaitState(ns, "imported", SnapshotState.OK).getStatus().getDeletionPolicy());
        assertEquals(DeletionPolicy.Delete, h.awaitState(ns, "created", SnapshotState.OK).getStatus().getDeletionPolicy());
        assertNull(h.get(ns, "imported").getSpec().getDeletionPolicy(), "the operator never writes spec");

        h.delete(ns, "imported");
        h.awaitGone(ns, "imported");
        assertTrue(h.cinder().snapshots().get(handMade.id()).isPresent(), "an import without deletionPolicy is retained");
    }

    @Test
    void aClaimNamingAnotherNamespacesVolumeIsNotASource() {
        String teamA = h.newNamespace();
        String hx = h.newNamespace();
        String volume = h.admin().createVolume("team-a-pv-data", 1);
        String pv = "pv-" + teamA;
        h.claim(teamA, "data", pv, SourceVolumeResolver.CINDER_CSI_DRIVER, volume);

        // the forged claim of the issue: spec.volumeName set by hand, never bound by the PV controller (Pending)
        forgedClaim(hx, "pending", pv, null);
        h.create(byClaim(hx, "via-pending", "pending"));
        assertTrue(awaitInvalid(hx, "via-pending").getStatus().getErrorMessage().contains("is not bound (phase unknown)"));

        // even one whose status says Bound: the PV's claimRef names team-a's claim, not this one
        forgedClaim(hx, "bound-looking", pv, "Bound");
        h.create(byClaim(hx, "via-bound-looking", "bound-looking"));
        String message = awaitInvalid(hx, "via-bound-looking").getStatus().getErrorMessage();
        assertTrue(message.contains("is not bound to PersistentVolumeClaim " + hx + "/bound-looking")
                && message.contains("names " + teamA + "/data"), message);
        assertEquals(0, h.cinderSnapshotsOfVolume(volume).size(), "nothing of team-a's volume was snapshotted");

        h.create(byClaim(teamA, "legit", "data"));
        assertEquals(volume, h.awaitState(teamA, "legit", SnapshotState.OK).getStatus().getSourceVolume().getId());
    }

    @Test
    void aClaimReCreatedUnderTheSameNameIsNotTheOneThePersistentVolumeWasBoundTo() {
        String ns = h.newNamespace();
        String volume = h.admin().createVolume("recreated-claim", 1);
        String pv = "pv-recreated-" + ns;
        h.claim(ns, "data", pv, SourceVolumeResolver.CINDER_CSI_DRIVER, volume);
        h.client().persistentVolumeClaims().inNamespace(ns).withName("data").delete();
        h.waiting().until(() -> h.client().persistentVolumeClaims().inNamespace(ns).withName("data").get() == null);
        forgedClaim(ns, "data", pv, "Bound"); // same namespace and name, new uid; the PV still names the old one
        h.create(byClaim(ns, "s", "data"));
        assertTrue(awaitInvalid(ns, "s").getStatus().getErrorMessage().contains("is not bound to PersistentVolumeClaim"));
    }

    private static OpenStackSnapshot importOf(String ns, String name, String backendId) {
        OpenStackSnapshot s = h.snapshotOf(ns, name, null);
        s.getSpec().setSourceVolume(null);
        s.getSpec().setBackendID(backendId);
        return s;
    }

    private static OpenStackSnapshot byClaim(String ns, String name, String claim) {
        OpenStackSnapshot s = h.snapshotOf(ns, name, null);
        SourceVolume source = new SourceVolume();
        source.setPersistentVolumeClaimName(claim);
        s.getSpec().setSourceVolume(source);
        return s;
    }

    /** A claim written by a namespace user that names a PV of their choice; {@code phase} null = as created. */
    private static void forgedClaim(String ns, String name, String pv, String phase) {
        var pvc = h.client().persistentVolumeClaims().inNamespace(ns).resource(new PersistentVolumeClaimBuilder()
                .withNewMetadata().withName(name).endMetadata().withNewSpec().withAccessModes("ReadWriteOnce")
                .withVolumeName(pv).withNewResources().withRequests(Map.of("storage", new Quantity("1Gi"))).endResources()
                .endSpec().build()).create();
        if (phase != null) {
            pvc.setStatus(new PersistentVolumeClaimStatusBuilder().withPhase(phase).build());
            h.client().persistentVolumeClaims().inNamespace(ns).resource(pvc).updateStatus();
        }
    }

    private static OpenStackSnapshot awaitInvalid(String ns, String name) {
        OpenStackSnapshot erred = h.awaitState(ns, name, SnapshotState.Erred);
        Condition ready = erred.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType()))
                .findFirst().orElseThrow();
        assertEquals("InvalidConfiguration", ready.getReason(), erred.getStatus().getErrorMessage());
        assertTrue(h.eventReasons(ns, name).contains("Failed"), "a Warning event says so");
        return erred;
    }
}
