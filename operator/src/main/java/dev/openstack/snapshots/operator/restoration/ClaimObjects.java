package dev.openstack.snapshots.operator.restoration;

import dev.openstack.snapshots.operator.api.DeletionPolicy;
import dev.openstack.snapshots.operator.api.RestoredClaimSpec;
import dev.openstack.snapshots.operator.api.SnapshotRestoration;
import dev.openstack.snapshots.operator.cinder.CinderVolume;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The PersistentVolume and PersistentVolumeClaim a restoration into a claim makes, as pure functions of the
 * restoration, the Cinder volume and the cloud's CSI driver. The PV is pre-bound (claimRef by namespace and name,
 * no uid: the claim does not exist yet, and the PV controller accepts such a claimRef and fills the uid in when it
 * binds); the claim names the PV in volumeName. Neither gets a status: binding is the PV controller's job.
 */
final class ClaimObjects {

    static final String DEFAULT_CSI_DRIVER = "cinder.csi.openstack.org";

    private ClaimObjects() {
    }

    /** Cinder ids are lowercase UUIDs, so this is a valid object name; one PV per volume. */
    static String persistentVolumeName(String volumeId) {
        return "pv-" + volumeId;
    }

    /** cinder-csi-plugin's topology key is topology.cinder.csi.openstack.org/zone; other drivers follow the pattern. */
    static String zoneTopologyKey(String csiDriver) {
        return "topology." + csiDriver + "/zone";
    }

    /** "" when unset: no default StorageClass is filled in, and so nothing provisions a second volume. */
    static String storageClassName(RestoredClaimSpec claim) {
        return claim.getStorageClassName() == null ? "" : claim.getStorageClassName();
    }

    static String reclaimPolicy(SnapshotRestoration restoration) {
        return restoration.getSpec().getDeletionPolicy() == DeletionPolicy.Delete ? "Delete" : "Retain";
    }

    static PersistentVolume persistentVolume(SnapshotRestoration restoration, CinderVolume volume, String csiDriver) {
        RestoredClaimSpec claim = restoration.getSpec().getPersistentVolumeClaim();
        PersistentVolumeBuilder pv = new PersistentVolumeBuilder()
                .withNewMetadata()
                    .withName(persistentVolumeName(volume.id()))
                    .withLabels(ClaimLabels.of(restoration))
                .endMetadata()
                .withNewSpec()
                    .withCapacity(Map.of("storage", size(volume)))
                    .withAccessModes(accessModes(claim))
                    .withVolumeMode(volumeMode(claim))
                    .withStorageClassName(storageClassName(claim))
                    .withPersistentVolumeReclaimPolicy(reclaimPolicy(restoration))
                    .withNewClaimRef()
                        .withApiVersion("v1")
                        .withKind("PersistentVolumeClaim")
                        .withNamespace(restoration.getMetadata().getNamespace())
                        .withName(claim.getName())
                    .endClaimRef()
                    .withNewCsi()
                        .withDriver(csiDriver)
                        .withVolumeHandle(volume.id())
                        .withFsType(claim.getFsType())
                    .endCsi()
                .endSpec();
        if (volume.availabilityZone() != null && !volume.availabilityZone().isEmpty()) {
            // The volume can be attached only to nodes of its zone; the scheduler places the pod accordingly.
            pv.editSpec().withNewNodeAffinity().withNewRequired().addNewNodeSelectorTerm().addNewMatchExpression()
                    .withKey(zoneTopologyKey(csiDriver)).withOperator("In").withValues(volume.availabilityZone())
                    .endMatchExpression().endNodeSelectorTerm().endRequired().endNodeAffinity().endSpec();
        }
        return pv.build();
    }

    static PersistentVolumeClaim persistentVolumeClaim(SnapshotRestoration restoration, CinderVolume volume) {
        RestoredClaimSpec claim = restoration.getSpec().getPersistentVolumeClaim();
        Map<String, String> labels = new LinkedHashMap<>();
        if (claim.getLabels() != null) {
            labels.putAll(claim.getLabels());
        }
        labels.putAll(ClaimLabels.of(restoration));
        return new PersistentVolumeClaimBuilder()
                .withNewMetadata()
                    .withName(claim.getName())
                    .withNamespace(restoration.getMetadata().getNamespace())
                    .withLabels(labels)
                    .withAnnotations(claim.getAnnotations() == null ? null : new LinkedHashMap<>(claim.getAnnotations()))
                .endMetadata()
                .withNewSpec()
                    .withAccessModes(accessModes(claim))
                    .withVolumeMode(volumeMode(claim))
                    .withStorageClassName(storageClassName(claim))
                    .withVolumeName(persistentVolumeName(volume.id()))
                    .withNewResources().withRequests(Map.of("storage", size(volume))).endResources()
                .endSpec()
                .build();
    }

    private static Quantity size(CinderVolume volume) {
        return new Quantity(volume.sizeGiB() + "Gi");
    }

    private static List<String> accessModes(RestoredClaimSpec claim) {
        return claim.getAccessModes() == null || claim.getAccessModes().isEmpty() ? List.of("ReadWriteOnce")
                : claim.getAccessModes().stream().map(Enum::name).toList();
    }

    private static String volumeMode(RestoredClaimSpec claim) {
        return claim.getVolumeMode() == null ? "Filesystem" : claim.getVolumeMode().name();
    }
}
