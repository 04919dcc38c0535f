package dev.openstack.snapshots.e2e;

import dev.openstack.snapshots.operator.testing.admin.CinderAdmin;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.SnapshotState;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The failures real Keystone + Cinder produce, and what the operator makes of them: each ends in a
 * terminal Erred state with Cinder's (or Keystone's) own words, and no Cinder snapshot is left behind.
 */
class SnapshotErrorsE2E extends OperatorE2ESupport {

    @Test
    void inUseVolumeNeedsForce() {
        String ns = namespace("inuse");
        String volume = sourceVolume("inuse-src");
        cinder.attach(volume);
        afterwards(() -> cinder.detach(volume));

        snapshotOf(ns, "no-force", volume, spec -> spec.setForce(false));
        OpenStackSnapshot refused = awaitState(ns, "no-force", SnapshotState.Erred);
        assertReady(refused, "False", "InvalidConfiguration");
        assertTrue(refused.getStatus().getErrorMessage().contains("status must be available, but current status is: in-use"),
                refused.getStatus().getErrorMessage());
        assertNull(refused.getStatus().getBackendID());
        assertTrue(snapshotsOf(volume).isEmpty(), "Cinder made no snapshot of the in-use volume");

        snapshotOf(ns, "forced", volume, spec -> spec.setForce(true));
        String id = awaitState(ns, "forced", SnapshotState.OK).getStatus().getBackendID();
        assertEquals("available", cinder.snapshot(id).orElseThrow().path("status").asText());

        deleteObject(ns, "no-force");
        deleteObject(ns, "forced");
        await("forced snapshot deleted").atMost(PATIENCE).until(() -> cinder.snapshot(id).isEmpty());
    }

    @Test
    void nonexistentVolume() {
        String ns = namespace("novolume");
        String missing = UUID.randomUUID().toString();
        snapshotOf(ns, "orphan", missing, spec -> { });
        OpenStackSnapshot erred = awaitState(ns, "orphan", SnapshotState.Erred);
        assertReady(erred, "False", "InvalidConfiguration");
        assertTrue(erred.getStatus().getErrorMessage().contains(missing), erred.getStatus().getErrorMessage());
        assertTrue(snapshotsOf(missing).isEmpty());
        deleteObject(ns, "orphan");
    }

    @Test
    void wrongPasswordIsTerminalUntilTheSecretIsFixed() {
        String wrong = "wrong-" + UUID.randomUUID();
        String ns = namespace("badauth", settings.cloud(), settings.clouds().yamlWithWrongSecret(settings.cloud(), wrong));
        String volume = sourceVolume("badauth-src");
        snapshotOf(ns, "locked-out", volume, spec -> { });

        OpenStackSnapshot erred = awaitState(ns, "locked-out", SnapshotState.Erred);
        assertReady(erred, "False", "InvalidConfiguration");
        String message = erred.getStatus().getErrorMessage();
        assertFalse(message == null || message.isBlank(), "an error message");
        assertFalse(message.contains(wrong), "the password must not appear in status: " + message);
        assertTrue(message.contains("401"), message);
        assertTrue(snapshotsOf(volume).isEmpty());

        // fixing the Secret is what makes the operator try again
        operator.putSecret(ns, OperatorUnderTest.SECRET, settings.clouds().yamlOf(settings.cloud()));
        String id = awaitState(ns, "locked-out", SnapshotState.OK).getStatus().getBackendID();
        deleteObject(ns, "locked-out");
        await("snapshot deleted").atMost(PATIENCE).until(() -> cinder.snapshot(id).isEmpty());
    }

    @Test
    void quotaExceededIs413() {
        assumeTrue(settings.mutateQuotas(), "quota changes not allowed (E2E_MUTATE_QUOTAS=true allows them)");
        assumeTrue(settings.quotaCloud().isPresent() && admin().isPresent(),
                "needs a quota project (E2E_QUOTA_CLOUD) and an admin (E2E_ADMIN_CLOUD)");
        String quotaCloud = settings.quotaCloud().get();
        CinderAdmin quotaProject = CinderAdmin.login(settings.clouds().entry(quotaCloud));
        CinderAdmin admin = admin().get();
        String ns = namespace("quota", quotaCloud);
        afterwards(() -> assertEquals(List.of(), new CinderLeakCheck(quotaProject, prefix).sweep(),
                "leaked into the quota project"));
        String volume = sourceVolume(quotaProject, "quota-src");

        int inUse = admin.quotaUsage(quotaProject.projectId()).path("snapshots").path("in_use").asInt();
        admin.setSnapshotQuota(quotaProject.projectId(), inUse);
        try {
            snapshotOf(ns, "over-quota", volume, spec -> { });
            OpenStackSnapshot erred = awaitState(ns, "over-quota", SnapshotState.Erred);
            assertReady(erred, "False", "BackendError");
            assertTrue(erred.getStatus().getErrorMessage().contains("SnapshotLimitExceeded"), erred.getStatus().getErrorMessage());
            assertTrue(erred.getStatus().getErrorMessage().contains("413"), erred.getStatus().getErrorMessage());
        } finally {
            admin.resetQuota(quotaProject.projectId());
        }
        assertTrue(quotaProject.snapshots().stream().noneMatch(s -> s.path("volume_id").asText().equals(volume)));
        deleteObject(ns, "over-quota");
    }

    private List<String> snapshotsOf(String volumeId) {
        return cinder.snapshots().stream().filter(s -> s.path("volume_id").asText().equals(volumeId))
                .map(s -> s.path("id").asText()).toList();
    }
}
