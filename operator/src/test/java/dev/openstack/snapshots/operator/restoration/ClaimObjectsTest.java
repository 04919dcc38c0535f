package dev.openstack.snapshots.operator.restoration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openstack.snapshots.operator.api.DeletionPolicy;
import dev.openstack.snapshots.operator.api.RestoredClaimSpec;
import dev.openstack.snapshots.operator.api.SnapshotRestoration;
import dev.openstack.snapshots.operator.cinder.CinderVolume;
import dev.openstack.snapshots.operator.names.KubernetesNames;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClaimObjectsTest {

    private static final String VOLUME_ID = "0b7c1e9a-5d43-4f8e-9a61-000000000001";

    @Test
    void thePersistentVolumeIsAPreBoundCsiVolumeOfTheVolumesZone() {
        SnapshotRestoration r = claimRestoration();
        r.getSpec().getPersistentVolumeClaim().setFsType("xfs");
        r.getSpec().getPersistentVolumeClaim().setStorageClassName("cinder-ssd");
        r.getSpec().getPersistentVolumeClaim().setAccessModes(List.of(RestoredClaimSpec.AccessMode.ReadWriteOncePod));
        PersistentVolume pv = ClaimObjects.persistentVolume(r, volume("zone-b", 5), "cinder.csi.openstack.org");

        assertEquals("pv-" + VOLUME_ID, pv.getMetadata().getName());
        assertEquals(Map.of(ClaimLabels.UID, "uid-pg", ClaimLabels.NAME, "pg", ClaimLabels.NAMESPACE, "team-a"),
                pv.getMetadata().getLabels());
        assertEquals("cinder.csi.openstack.org", pv.getSpec().getCsi().getDriver());
        assertEquals(VOLUME_ID, pv.getSpec().getCsi().getVolumeHandle());
        assertEquals("xfs", pv.getSpec().getCsi().getFsType());
        assertEquals(new Quantity("5Gi"), pv.getSpec().getCapacity().get("storage"));
        assertEquals(List.of("ReadWriteOncePod"), pv.getSpec().getAccessModes());
        assertEquals("Filesystem", pv.getSpec().getVolumeMode());
        assertEquals("cinder-ssd", pv.getSpec().getStorageClassName());
        assertEquals("Retain", pv.getSpec().getPersistentVolumeReclaimPolicy());
        assertEquals("team-a", pv.getSpec().getClaimRef().getNamespace());
        assertEquals("pg-data", pv.getSpec().getClaimRef().getName());
        assertEquals("PersistentVolumeClaim", pv.getSpec().getClaimRef().getKind());
        assertNull(pv.getSpec().getClaimRef().getUid(), "the claim does not exist yet; the PV controller fills the uid in");
        NodeSelectorRequirement zone = pv.getSpec().getNodeAffinity().getRequired().getNodeSelectorTerms().get(0)
                .getMatchExpressions().get(0);
        assertEquals("topology.cinder.csi.openstack.org/zone", zone.getKey());
        assertEquals("In", zone.getOperator());
        assertEquals(List.of("zone-b"), zone.getValues());
        assertNull(pv.getStatus());
    }

    @Test
    void deletionPolicyDeleteIsTheReclaimPolicyAndAnotherDriverItsOwnTopologyKey() {
        SnapshotRestoration r = claimRestoration();
        r.getSpec().setDeletionPolicy(DeletionPolicy.Delete);
        PersistentVolume pv = ClaimObjects.persistentVolume(r, volume("nova", 1), "csi.example.com");
        assertEquals("Delete", pv.getSpec().getPersistentVolumeReclaimPolicy());
        assertEquals("csi.example.com", pv.getSpec().getCsi().getDriver());
        assertEquals("topology.csi.example.com/zone", pv.getSpec().getNodeAffinity().getRequired()
                .getNodeSelectorTerms().get(0).getMatchExpressions().get(0).getKey());
        assertNull(pv.getSpec().getCsi().getFsType());
    }

    @Test
    void aVolumeWithoutZoneGetsNoNodeAffinity() {
        assertNull(ClaimObjects.persistentVolume(claimRestoration(), volume(null, 1), "cinder.csi.openstack.org")
                .getSpec().getNodeAffinity());
    }

    @Test
    void theClaimNamesThePersistentVolumeAndCarriesTheUsersAndOurLabels() {
        SnapshotRestoration r = claimRestoration();
        r.getSpec().getPersistentVolumeClaim().setLabels(Map.of("app", "pg", ClaimLabels.UID, "forged"));
        r.getSpec().getPersistentVolumeClaim().setAnnotations(Map.of("note", "restored"));
        r.getSpec().getPersistentVolumeClaim().setVolumeMode(RestoredClaimSpec.VolumeMode.Block);
        PersistentVolumeClaim pvc = ClaimObjects.persistentVolumeClaim(r, volume("nova", 3));

        assertEquals("pg-data", pvc.getMetadata().getName());
        assertEquals("team-a", pvc.getMetadata().getNamespace());
        assertEquals("pg", pvc.getMetadata().getLabels().get("app"));
        assertEquals("uid-pg", pvc.getMetadata().getLabels().get(ClaimLabels.UID), "our owner label wins");
        assertEquals(Map.of("note", "restored"), pvc.getMetadata().getAnnotations());
        assertEquals("pv-" + VOLUME_ID, pvc.getSpec().getVolumeName());
        assertEquals(List.of("ReadWriteOnce"), pvc.getSpec().getAccessModes());
        assertEquals("Block", pvc.getSpec().getVolumeMode());
        assertEquals(new Quantity("3Gi"), pvc.getSpec().getResources().getRequests().get("storage"));
        assertEquals("", pvc.getSpec().getStorageClassName(), "no class: the default StorageClass must not be filled in");
        assertNull(pvc.getStatus());
    }

    @Test
    void aRestorationNameLongerThanALabelValueGivesLabelsTheApiServerAccepts() {
        SnapshotRestoration r = claimRestoration();
        String name = "restore-of-the-orders-database-before-the-upgrade-to-version-15-" + "x".repeat(60);
        r.getMetadata().setName(name);
        PersistentVolume pv = ClaimObjects.persistentVolume(r, volume("nova", 1), "cinder.csi.openstack.org");
        PersistentVolumeClaim pvc = ClaimObjects.persistentVolumeClaim(r, volume("nova", 1));

        for (Map<String, String> labels : List.of(pv.getMetadata().getLabels(), pvc.getMetadata().getLabels())) {
            labels.forEach((key, value) -> assertTrue(KubernetesNames.isLabelValue(value), key + "=" + value));
            assertEquals(KubernetesNames.labelValue(name), labels.get(ClaimLabels.NAME));
            assertEquals("uid-pg", labels.get(ClaimLabels.UID), "the uid, which finds them, is never cut");
        }
    }

    static SnapshotRestoration claimRestoration() {
        SnapshotRestoration r = Restorations.restoration("pg", "pg-snap");
        RestoredClaimSpec claim = new RestoredClaimSpec();
        claim.setName("pg-data");
        r.getSpec().setPersistentVolumeClaim(claim);
        return r;
    }

    private static CinderVolume volume(String zone, int sizeGiB) {
        return new CinderVolume(VOLUME_ID, "pg", "Restored", "available", sizeGiB, "snap-1", "__DEFAULT__", zone,
                Map.of(), List.of(), Instant.parse("2026-01-02T03:04:05Z"), null);
    }
}
