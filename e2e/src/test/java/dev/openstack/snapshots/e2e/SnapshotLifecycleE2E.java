package dev.openstack.snapshots.e2e;

import dev.openstack.snapshots.operator.testing.admin.CinderAdmin;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openstack.snapshots.operator.api.DeletionPolicy;
import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.SnapshotState;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * OpenStackSnapshot against real Keystone + Cinder: every verb of the portal API that a snapshot has,
 * each checked in Cinder itself (not through the operator's adapter).
 */
class SnapshotLifecycleE2E extends OperatorE2ESupport {

    @Test
    void createUpdatePullAndDelete() {
        String ns = namespace("life");
        String volume = sourceVolume("life-src");
        snapshotOf(ns, "life", volume, spec -> {
            spec.setDescription("before the upgrade");
            spec.setMetadata(Map.of("app", "e2e", "tier", "db"));
        });

        OpenStackSnapshot ok = awaitState(ns, "life", SnapshotState.OK);
        assertReady(ok, "True", "Success");
        String id = ok.getStatus().getBackendID();
        assertNotNull(id, "backendID");
        assertEquals("available", ok.getStatus().getRuntimeState());
        assertEquals(1024L, ok.getStatus().getSizeMiB());
        assertEquals(volume, ok.getStatus().getSourceVolume().getId());
        JsonNode created = cinder.snapshot(id).orElseThrow();
        assertEquals("available", created.path("status").asText());
        assertEquals(prefix + "life", created.path("name").asText());
        assertEquals("before the upgrade", created.path("description").asText());
        assertEquals(volume, created.path("volume_id").asText());
        assertEquals(Map.of("app", "e2e", "tier", "db"), userMetadata(created));
        Map<String, String> tags = cinder.metadataOf(created);
        assertEquals(ns, tags.get("k8s-owner-namespace"));
        assertEquals("life", tags.get("k8s-owner-name"));
        assertEquals(ok.getMetadata().getUid(), tags.get("k8s-owner-uid"));

        // update: name, description and metadata are pushed to Cinder
        edit(ns, "life", s -> {
            s.getSpec().setName(prefix + "life-renamed");
            s.getSpec().setDescription("after the upgrade");
            s.getSpec().setMetadata(Map.of("app", "e2e", "owner", "team-a"));
        });
        JsonNode updated = await("Cinder shows the update").atMost(PATIENCE)
                .until(() -> cinder.snapshot(id).orElseThrow(), s -> s.path("name").asText().equals(prefix + "life-renamed")
                        && s.path("description").asText().equals("after the upgrade")
                        && userMetadata(s).equals(Map.of("app", "e2e", "owner", "team-a")));
        assertEquals(ok.getMetadata().getUid(), cinder.metadataOf(updated).get("k8s-owner-uid"), "owner tags kept");
        OpenStackSnapshot afterUpdate = awaitSnapshot(ns, "life", "OK for generation 2", s -> s.getStatus() != null
                && s.getStatus().getState() == SnapshotState.OK
                && s.getStatus().getObservedGeneration() != null
                && s.getStatus().getObservedGeneration().equals(s.getMetadata().getGeneration()));
        assertEquals(id, afterUpdate.getStatus().getBackendID());

        // pull: the operator re-reads Cinder now, not at its next (10 min) poll
        pull(ns, "life", "pull-1");
        admin().ifPresent(admin -> {
            admin.resetSnapshotStatus(id, "error");
            OpenStackSnapshot erred = pull(ns, "life", "pull-2");
            assertEquals("error", erred.getStatus().getRuntimeState());
            assertEquals(SnapshotState.Erred, erred.getStatus().getState());
            assertReady(erred, "False", "BackendError");
            admin.resetSnapshotStatus(id, "available");
            OpenStackSnapshot back = pull(ns, "life", "pull-3");
            assertEquals("available", back.getStatus().getRuntimeState());
        });

        // delete: the Cinder snapshot goes, then the object
        deleteObject(ns, "life");
        await("Cinder snapshot deleted").atMost(PATIENCE).until(() -> cinder.snapshot(id).isEmpty());
    }

    @Test
    void importAnExistingSnapshotWithRetainAndWithDelete() {
        String ns = namespace("import");
        String volume = sourceVolume("import-src");
        String kept = cinder.requestSnapshot(volume, prefix + "import-kept");
        afterwards(() -> cinder.deleteSnapshotAndWait(kept));
        String deleted = cinder.requestSnapshot(volume, prefix + "import-deleted");
        afterwards(() -> cinder.deleteSnapshotAndWait(deleted));
        cinder.awaitSnapshotStatus(kept, "available");
        cinder.awaitSnapshotStatus(deleted, "available");

        snapshotOf(ns, "kept", null, spec -> {
            spec.setBackendID(kept);
            spec.setName(prefix + "import-kept");
            spec.setDescription("adopted");
            spec.setDeletionPolicy(DeletionPolicy.Retain);
        });
        snapshotOf(ns, "deleted", null, spec -> {
            spec.setBackendID(deleted);
            spec.setName(prefix + "import-deleted");
            spec.setDeletionPolicy(DeletionPolicy.Delete); // imports default to Retain (issue 14)
        });
        OpenStackSnapshot adopted = awaitState(ns, "kept", SnapshotState.OK);
        assertEquals(kept, adopted.getStatus().getBackendID());
        assertEquals("available", adopted.getStatus().getRuntimeState());
        assertEquals(1024L, adopted.getStatus().getSizeMiB());
        await("description pushed to the adopted snapshot").atMost(PATIENCE)
                .until(() -> cinder.snapshot(kept).orElseThrow().path("description").asText(), "adopted"::equals);
        awaitState(ns, "deleted", SnapshotState.OK);

        deleteObject(ns, "kept");
        assertEquals("available", cinder.snapshot(kept).orElseThrow().path("status").asText(),
                "deletionPolicy Retain leaves the Cinder snapshot");
        deleteObject(ns, "deleted");
        await("imported snapshot deleted in Cinder").atMost(PATIENCE).until(() -> cinder.snapshot(deleted).isEmpty());
    }

    @Test
    void unlinkForgetsTheObjectAndLeavesCinderAlone() {
        String ns = namespace("unlink");
        String volume = sourceVolume("unlink-src");
        snapshotOf(ns, "unlinked", volume, spec -> { });
        String id = awaitState(ns, "unlinked", SnapshotState.OK).getStatus().getBackendID();
        afterwards(() -> cinder.deleteSnapshotAndWait(id));

        annotate(ns, "unlinked", OpenStackSnapshot.UNLINK_ANNOTATION, "true");
        deleteObject(ns, "unlinked");
        assertEquals("available", cinder.snapshot(id).orElseThrow().path("status").asText());
    }

    @Test
    void keptUntilExpiryDeletesTheSnapshotAndTheObject() {
        String ns = namespace("expiry");
        String volume = sourceVolume("expiry-src");
        snapshotOf(ns, "expiring", volume, spec -> { });
        String id = awaitState(ns, "expiring", SnapshotState.OK).getStatus().getBackendID();

        edit(ns, "expiring", s -> s.getSpec().setKeptUntil(Instant.now().plusSeconds(5).toString()));
        awaitObjectGone(ns, "expiring");
        await("expired snapshot deleted in Cinder").atMost(PATIENCE).until(() -> cinder.snapshot(id).isEmpty());
    }

    @Test
    void keptUntilInThePastCreatesNothing() {
        String ns = namespace("past");
        String volume = sourceVolume("past-src");
        snapshotOf(ns, "too-late", volume, spec -> spec.setKeptUntil("2020-01-01T00:00:00Z"));
        OpenStackSnapshot erred = awaitState(ns, "too-late", SnapshotState.Erred);
        assertReady(erred, "False", "Expired");
        assertTrue(cinder.snapshots().stream().noneMatch(s -> s.path("volume_id").asText().equals(volume)),
                "no Cinder snapshot of " + volume);
        deleteObject(ns, "too-late");
    }

    @Test
    void applicationCredentialAuth() {
        assumeTrue(settings.appCredentialCloud().isPresent(), "no application-credential cloud (E2E_APPCRED_CLOUD)");
        CinderAdmin asAppCredential = CinderAdmin.login(settings.clouds().entry(settings.appCredentialCloud().get()));
        assumeTrue(asAppCredential.projectId().equals(cinder.projectId()),
                "the application credential is for another project than E2E_CLOUD");
        String ns = namespace("appcred", settings.appCredentialCloud().get());
        String volume = sourceVolume("appcred-src");
        snapshotOf(ns, "by-appcred", volume, spec -> spec.setMetadata(Map.of("auth", "application-credential")));
        String id = awaitState(ns, "by-appcred", SnapshotState.OK).getStatus().getBackendID();
        assertEquals(Map.of("auth", "application-credential"), userMetadata(cinder.snapshot(id).orElseThrow()));
        deleteObject(ns, "by-appcred");
        await("snapshot deleted in Cinder").atMost(PATIENCE).until(() -> cinder.snapshot(id).isEmpty());
    }

    /**
     * Real Cinder (API level, fake and most real drivers) deletes a snapshot that a volume was created
     * from: 202, the snapshot goes, the volume stays available and keeps its snapshot_id.
     */
    @Test
    void deletingASnapshotWithADependentVolumeIsAllowedByCinder() {
        String ns = namespace("dependent");
        String volume = sourceVolume("dependent-src");
        snapshotOf(ns, "parent", volume, spec -> { });
        String id = awaitState(ns, "parent", SnapshotState.OK).getStatus().getBackendID();
        String child = cinder.call("POST", "/volumes", Map.of("volume", Map.of("name", prefix + "dependent-child",
                "snapshot_id", id))).expectOk("create a volume from the snapshot").body().path("volume").path("id").asText();
        afterwards(() -> cinder.deleteVolumeAndWait(child));
        cinder.awaitVolumeStatus(child, "available");

        deleteObject(ns, "parent");
        await("snapshot deleted in Cinder").atMost(PATIENCE).until(() -> cinder.snapshot(id).isEmpty());
        JsonNode dependent = cinder.volume(child).orElseThrow();
        assertEquals("available", dependent.path("status").asText());
        assertEquals(id, dependent.path("snapshot_id").asText());
    }

    private OpenStackSnapshot pull(String ns, String name, String value) {
        annotate(ns, name, OpenStackSnapshot.PULL_ANNOTATION, value);
        return awaitSnapshot(ns, name, "pull " + value + " handled",
                s -> s.getStatus() != null && value.equals(s.getStatus().getLastHandledPullAt()));
    }
}
