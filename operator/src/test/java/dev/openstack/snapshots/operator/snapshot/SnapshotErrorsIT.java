package dev.openstack.snapshots.operator.snapshot;

import static dev.openstack.snapshots.operator.snapshot.SnapshotLifecycleIT.assertCondition;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.SnapshotState;
import dev.openstack.snapshots.operator.api.SourceVolume;
import dev.openstack.snapshots.operator.status.Reason;
import dev.openstack.snapshots.operator.testing.OperatorHarness;
import dev.openstack.snapshots.simulator.faults.FaultRule;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each bad input of issue 3 §6 ends in the state, reason and message of ARCHITECTURE §2, leaking nothing. */
class SnapshotErrorsIT {

    static final OperatorHarness h = OperatorHarness.startWithoutQuotas();

    @AfterAll
    static void stop() {
        h.close();
    }

    @AfterEach
    void clearFaults() {
        h.simulator().controls().clearFaults();
    }

    private OpenStackSnapshot awaitErred(String ns, String name, Reason reason, String messagePart) {
        OpenStackSnapshot s = h.await(ns, name, o -> o.getStatus() != null && o.getStatus().getState() == SnapshotState.Erred);
        assertCondition(s, "Ready", "False", reason.name());
        assertCondition(s, "Progressing", "False", reason.name());
        assertTrue(s.getStatus().getErrorMessage().contains(messagePart),
                "message '" + s.getStatus().getErrorMessage() + "' should contain '" + messagePart + "'");
        return s;
    }

    @Test
    void missingSecretIsInvalidConfigurationUntilTheSecretAppears() {
        String ns = h.newNamespace();
        String volume = h.admin().createVolume("v-missing-secret", 1);
        OpenStackSnapshot s = h.snapshotOf(ns, "s", volume);
        s.getSpec().getCloudCredentialsRef().setSecretName("not-there");
        h.create(s);
        awaitErred(ns, "s", Reason.InvalidConfiguration, "Secret " + ns + "/not-there not found");
        assertEquals(0, h.cinderSnapshotsOfVolume(volume).size());

        h.client().secrets().inNamespace(ns)
                .resource(h.cloudsSecret("not-there", OperatorHarness.CLOUD, h.simulator().password())).create();
        h.awaitState(ns, "s", SnapshotState.OK);
        assertEquals(1, h.cinderSnapshotsOfVolume(volume).size());
        assertTrue(h.eventReasons(ns, "s").contains("Failed"));
    }

    @Test
    void secretWithoutCloudsYaml() {
        String ns = h.newNamespace();
        h.client().secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName("empty")
                .endMetadata().addToStringData("other", "x").build()).create();
        String volume = h.admin().createVolume("v-no-yaml", 1);
        OpenStackSnapshot s = h.snapshotOf(ns, "s", volume);
        s.getSpec().getCloudCredentialsRef().setSecretName("empty");
        h.create(s);
        awaitErred(ns, "s", Reason.InvalidConfiguration, "has no key 'clouds.yaml'");
        assertEquals(0, h.cinderSnapshotsOfVolume(volume).size());
    }

    @Test
    void unknownCloudName() {
        String ns = h.newNamespace();
        String volume = h.admin().createVolume("v-unknown-cloud", 1);
        OpenStackSnapshot s = h.snapshotOf(ns, "s", volume);
        s.getSpec().getCloudCredentialsRef().setCloudName("nowhere");
        h.create(s);
        awaitErred(ns, "s", Reason.InvalidConfiguration, "nowhere");
        assertEquals(0, h.cinderSnapshotsOfVolume(volume).size());
    }

    @Test
    void wrongPasswordNeverShowsThePassword() {
        String ns = h.newNamespace();
        h.client().secrets().inNamespace(ns)
                .resource(h.cloudsSecret("bad", OperatorHarness.CLOUD, "wrong-pass-xyz")).create();
        String volume = h.admin().createVolume("v-wrong-pass", 1);
        OpenStackSnapshot s = h.snapshotOf(ns, "s", volume);
        s.getSpec().getCloudCredentialsRef().setSecretName("bad");
        h.create(s);
        OpenStackSnapshot erred = awaitErred(ns, "s", Reason.InvalidConfiguration, "");
        assertTrue(erred.getStatus().getErrorMessage().contains("401"), erred.getStatus().getErrorMessage());
        assertTrue(!erred.getStatus().getErrorMessage().contains("wrong-pass-xyz"));
        assertEquals(0, h.cinderSnapshotsOfVolume(volume).size());
    }

    @Test
    void nonexistentVolumeId() {
        String ns = h.newNamespace();
        h.create(h.snapshotOf(ns, "s", "11111111-2222-3333-4444-555555555555"));
        awaitErred(ns, "s", Reason.InvalidConfiguration, "11111111-2222-3333-4444-555555555555");
        assertEquals(0, h.cinderSnapshotsOfVolume("11111111-2222-3333-4444-555555555555").size());
    }

    @Test
    void ambiguousVolumeNameNamesTheCandidates() {
        String ns = h.newNamespace();
        String a = h.admin().createVolume("twin", 1);
        String b = h.admin().createVolume("twin", 1);
        OpenStackSnapshot s = h.snapshotOf(ns, "s", null);
        SourceVolume byName = new SourceVolume();
        byName.setName("twin");
        s.getSpec().setSourceVolume(byName);
        h.create(s);
        OpenStackSnapshot erred = awaitErred(ns, "s", Reason.InvalidConfiguration, "ambiguous");
        assertTrue(erred.getStatus().getErrorMessage().contains(a) && erred.getStatus().getErrorMessage().contains(b));
        assertEquals(0, h.cinderSnapshotsOfVolume(a).size() + h.cinderSnapshotsOfVolume(b).size());
    }

    @Test
    void claimOfAnotherCsiDriver() {
        String ns = h.newNamespace();
        h.claim(ns, "data", "pv-ebs-" + ns, "ebs.csi.aws.com", "vol-123");
        OpenStackSnapshot s = h.snapshotOf(ns, "s", null);
        SourceVolume byClaim = new SourceVolume();
        byClaim.setPersistentVolumeClaimName("data");
        s.getSpec().setSourceVolume(byClaim);
        h.create(s);
        awaitErred(ns, "s", Reason.InvalidConfiguration, "is not a cinder.csi.openstack.org volume");
    }

    @Test
    void inUseVolumeWithoutForce() {
        String ns = h.newNamespace();
        String volume = h.admin().createVolume("v-in-use", 1);
        h.admin().attach(volume);
        h.create(h.snapshotOf(ns, "s", volume));
        awaitErred(ns, "s", Reason.InvalidConfiguration, "in-use");
        assertEquals(0, h.cinderSnapshotsOfVolume(volume).size());

        OpenStackSnapshot forced = h.snapshotOf(ns, "forced", volume);
        forced.getSpec().setForce(true);
        h.create(forced);
        h.awaitState(ns, "forced", SnapshotState.OK);
        assertEquals(1, h.cinderSnapshotsOfVolume(volume).size());
    }

    @Test
    void quotaExceededIsABackendError() {
        String ns = h.newNamespace();
        String volume = h.admin().createVolume("v-quota", 1);
        h.simulator().controls().setQuotas(Map.of("snapshots", h.cinderSnapshots().size()));
        try {
            h.create(h.snapshotOf(ns, "s", volume));
            awaitErred(ns, "s", Reason.BackendError, "SnapshotLimitExceeded");
            assertEquals(0, h.cinderSnapshotsOfVolume(volume).size());
        } finally {
            h.simulator().controls().setQuotas(Map.of("snapshots", -1));
        }
    }

    @Test
    void serverErrorOnCreateIsRetriedUntilItRecovers() {
        String ns = h.newNamespace();
        String volume = h.admin().createVolume("v-500", 1);
        h.simulator().controls().addFault(FaultRule.status("snapshot.create", 2, 500));
        h.create(h.snapshotOf(ns, "s", volume));
        OpenStackSnapshot transientState = h.await(ns, "s", o -> o.getStatus() != null
                && o.getStatus().getConditions().stream().anyMatch(c -> "TransientError".equals(c.getReason())));
        assertTrue(transientState.getStatus().getState() != SnapshotState.Erred);
        OpenStackSnapshot ok = h.awaitState(ns, "s", SnapshotState.OK);
        assertEquals("", ok.getStatus().getErrorMessage());
        assertEquals(1, h.cinderSnapshotsOfVolume(volume).size(), "retries made exactly one snapshot");
    }

    @Test
    void snapshotThatGoesToErrorIsABackendErrorAndCanStillBeDeleted() {
        String ns = h.newNamespace();
        String volume = h.admin().createVolume("v-error", 1);
        h.simulator().controls().addFault(FaultRule.endInError("snapshot.create", 1));
        h.create(h.snapshotOf(ns, "s", volume));
        OpenStackSnapshot erred = awaitErred(ns, "s", Reason.BackendError, "error");
        assertEquals("error", erred.getStatus().getRuntimeState());
        assertTrue(h.eventReasons(ns, "s").contains("Failed"));
        h.delete(ns, "s");
        h.awaitGone(ns, "s");
        assertEquals(0, h.cinderSnapshotsOfVolume(volume).size());
    }

    @Test
    void deleteWhileCinderIsStillCreatingWaitsThenDeletes() {
        String ns = h.newNamespace();
        String volume = h.admin().createVolume("v-slow", 1);
        h.simulator().controls().setTransitionDelay("snapshot.create", Duration.ofMillis(1500));
        try {
            h.create(h.snapshotOf(ns, "s", volume));
            h.awaitState(ns, "s", SnapshotState.Creating);
            h.delete(ns, "s");
            h.awaitState(ns, "s", SnapshotState.DeletionScheduled);
            h.awaitGone(ns, "s");
            assertEquals(0, h.cinderSnapshotsOfVolume(volume).size());
        } finally {
            h.simulator().controls().setTransitionDelay("snapshot.create", Duration.ofMillis(50));
        }
    }

    @Test
    void deleteEndingInErrorDeletingIsDeletionFailedAndUnlinkLetsGo() {
        String ns = h.newNamespace();
        String volume = h.admin().createVolume("v-error-deleting", 1);
        h.create(h.snapshotOf(ns, "s", volume));
        String id = h.awaitState(ns, "s", SnapshotState.OK).getStatus().getBackendID();
        h.simulator().controls().addFault(FaultRule.endInError("snapshot.delete", 1));
        h.delete(ns, "s");
        awaitErred(ns, "s", Reason.DeletionFailed, "error_deleting");
        assertCondition(h.get(ns, "s"), "Progressing", "False", "DeletionFailed");

        h.edit(ns, "s", o -> {
            o.getMetadata().getAnnotations().put(OpenStackSnapshot.UNLINK_ANNOTATION, "true");
            return o;
        });
        h.awaitGone(ns, "s");
        assertEquals("error_deleting", h.cinder().snapshots().get(id).orElseThrow().status(), "unlink leaves Cinder alone");
        h.admin().resetSnapshotStatus(id, "available");
        h.cinder().snapshots().delete(id);
    }

    @Test
    void deletionWithAWrongPasswordAsksForTheSecretOrUnlinkAndResumesOnceTheSecretIsFixed() {
        String ns = h.newNamespace();
        String volume = h.admin().createVolume("v-delete-wrong-password", 1);
        h.create(h.snapshotOf(ns, "s", volume));
        String id = h.awaitState(ns, "s", SnapshotState.OK).getStatus().getBackendID();
        h.client().secrets().inNamespace(ns).resource(h.cloudsSecret(OperatorHarness.SECRET, OperatorHarness.CLOUD,
                "wrong-pass-delete")).update();
        h.delete(ns, "s");

        OpenStackSnapshot blocked = awaitErred(ns, "s", Reason.InvalidConfiguration, "Secret " + ns + "/" + OperatorHarness.SECRET);
        assertTrue(blocked.getStatus().getErrorMessage().contains(OpenStackSnapshot.UNLINK_ANNOTATION + ": \"true\""),
                blocked.getStatus().getErrorMessage());
        assertTrue(h.cinder().snapshots().get(id).isPresent(), "nothing deleted with credentials that do not work");

        h.client().secrets().inNamespace(ns).resource(h.cloudsSecret(OperatorHarness.SECRET, OperatorHarness.CLOUD,
                h.simulator().password())).update();
        h.awaitGone(ns, "s");
        assertTrue(h.cinder().snapshots().get(id).isEmpty(), "the fixed Secret resumed the deletion");
    }

    @Test
    void deletionWithoutItsSecretAsksForTheSecretOrUnlinkAndResumesOnceTheSecretIsBack() {
        String ns = h.newNamespace();
        String volume = h.admin().createVolume("v-delete-no-secret", 1);
        h.create(h.snapshotOf(ns, "s", volume));
        String id = h.awaitState(ns, "s", SnapshotState.OK).getStatus().getBackendID();
        // The operator's finalizer keeps a deleted Secret until its objects are gone (NamespaceDeletionIT); here
        // someone forces it away anyway by removing that finalizer, so the Secret is really missing.
        h.client().secrets().inNamespace(ns).withName(OperatorHarness.SECRET).delete();
        h.client().secrets().inNamespace(ns).withName(OperatorHarness.SECRET).edit(secret -> {
            secret.getMetadata().setFinalizers(new java.util.ArrayList<>());
            return secret;
        });
        OperatorHarness.waiting().until(() -> h.client().secrets().inNamespace(ns).withName(OperatorHarness.SECRET).get() == null);
        h.delete(ns, "s");

        // (before the deletion, the Secret's disappearance already made the object Erred "Secret ... not found")
        h.await(ns, "s", o -> o.getStatus() != null && o.getStatus().getErrorMessage() != null
                && o.getStatus().getErrorMessage().startsWith("Cannot delete"));
        OpenStackSnapshot blocked = awaitErred(ns, "s", Reason.InvalidConfiguration,
                "Cannot delete: Secret " + ns + "/" + OperatorHarness.SECRET + " not found");
        assertTrue(blocked.getStatus().getErrorMessage().contains(OpenStackSnapshot.UNLINK_ANNOTATION),
                blocked.getStatus().getErrorMessage());
        assertTrue(h.cinder().snapshots().get(id).isPresent());

        h.client().secrets().inNamespace(ns).resource(h.cloudsSecret(OperatorHarness.SECRET, OperatorHarness.CLOUD,
                h.simulator().password())).create();
        h.awaitGone(ns, "s");
        assertTrue(h.cinder().snapshots().get(id).isEmpty(), "the Secret's return resumed the deletion");
    }

    @Test
    void keptUntilInThePastCreatesNothing() {
        String ns = h.newNamespace();
        String volume = h.admin().createVolume("v-expired", 1);
        OpenStackSnapshot s = h.snapshotOf(ns, "s", volume);
        s.getSpec().setKeptUntil(Instant.now().minusSeconds(60).toString());
        h.create(s);
        awaitErred(ns, "s", Reason.Expired, "has already passed");
        assertEquals(0, h.cinderSnapshotsOfVolume(volume).size());
        h.delete(ns, "s");
        h.awaitGone(ns, "s");
    }

    @Test
    void nameLongerThan255IsRejectedByCinder() {
        String ns = h.newNamespace();
        String volume = h.admin().createVolume("v-long-name", 1);
        OpenStackSnapshot s = h.snapshotOf(ns, "s", volume);
        s.getSpec().setName("x".repeat(256));
        h.create(s);
        awaitErred(ns, "s", Reason.InvalidConfiguration, "too long");
        assertEquals(0, h.cinderSnapshotsOfVolume(volume).size());
    }
}
