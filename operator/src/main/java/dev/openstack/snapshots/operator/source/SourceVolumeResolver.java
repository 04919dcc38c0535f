package dev.openstack.snapshots.operator.source;

import dev.openstack.snapshots.operator.api.SourceVolume;
import dev.openstack.snapshots.operator.api.SourceVolumeStatus;
import dev.openstack.snapshots.operator.cinder.CinderVolume;
import dev.openstack.snapshots.operator.cinder.CinderVolumes;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Resolves spec.sourceVolume to one Cinder volume: by id, by display name (exactly one match), or by a
 * PersistentVolumeClaim whose PV is a cinder-csi volume (its volumeHandle is the Cinder id).
 */
public final class SourceVolumeResolver {

    public static final String CINDER_CSI_DRIVER = "cinder.csi.openstack.org";

    private final KubernetesClient kubernetes;

    public SourceVolumeResolver(KubernetesClient kubernetes) {
        this.kubernetes = kubernetes;
    }

    /**
     * @throws InvalidSourceException when there is no such volume, several, or the PVC is not cinder-csi
     */
    public SourceVolumeStatus resolve(SourceVolume source, String namespace, CinderVolumes volumes) {
        if (source.getId() != null) {
            CinderVolume v = volumes.get(source.getId())
                    .orElseThrow(() -> new InvalidSourceException("Volume " + source.getId() + " could not be found"));
            return new SourceVolumeStatus(v.id(), v.name());
        }
        if (source.getName() != null) {
            List<CinderVolume> matches = volumes.findByName(source.getName());
            if (matches.isEmpty()) {
                throw new InvalidSourceException("No volume named " + source.getName() + " found");
            }
            if (matches.size() > 1) {
                throw new InvalidSourceException("Volume name " + source.getName() + " is ambiguous: "
                        + matches.stream().map(CinderVolume::id).sorted().collect(Collectors.joining(", ")));
            }
            return new SourceVolumeStatus(matches.get(0).id(), matches.get(0).name());
        }
        if (source.getPersistentVolumeClaimName() != null) {
            String volumeId = volumeHandleOf(source.getPersistentVolumeClaimName(), namespace);
            CinderVolume v = volumes.get(volumeId).orElseThrow(() -> new InvalidSourceException(
                    "Volume " + volumeId + " of PersistentVolumeClaim " + source.getPersistentVolumeClaimName()
                            + " could not be found"));
            return new SourceVolumeStatus(v.id(), v.name());
        }
        throw new InvalidSourceException("sourceVolume names no volume: set id, name or persistentVolumeClaimName");
    }

    /**
     * The Cinder id behind a claim, only if Kubernetes bound that claim to that volume: the claim is {@code Bound} and
     * the PV's claimRef names this claim by namespace, name AND uid. {@code spec.volumeName} alone proves nothing: any
     * namespace user can write another namespace's PV name into a claim of theirs (it then stays Pending), and
     * snapshotting through it would copy another tenant's data (issue 14, defect 3). The uid rules out a claim
     * re-created under the same name after the PV was released.
     */
    private String volumeHandleOf(String claimName, String namespace) {
        String claim = "PersistentVolumeClaim " + namespace + "/" + claimName;
        PersistentVolumeClaim pvc = kubernetes.persistentVolumeClaims().inNamespace(namespace).withName(claimName).get();
        if (pvc == null) {
            throw new InvalidSourceException(claim + " not found");
        }
        String phase = pvc.getStatus() == null ? null : pvc.getStatus().getPhase();
        String pvName = pvc.getSpec() == null ? null : pvc.getSpec().getVolumeName();
        if (!"Bound".equals(phase) || pvName == null || pvName.isEmpty()) {
            throw new InvalidSourceException(claim + " is not bound (phase " + (phase == null ? "unknown" : phase)
                    + "): only a claim Kubernetes has bound to its volume can be snapshotted");
        }
        PersistentVolume pv = kubernetes.persistentVolumes().withName(pvName).get();
        if (pv == null) {
            throw new InvalidSourceException("PersistentVolume " + pvName + " of " + claim + " not found");
        }
        ObjectReference ref = pv.getSpec() == null ? null : pv.getSpec().getClaimRef();
        if (ref == null || !namespace.equals(ref.getNamespace()) || !claimName.equals(ref.getName())
                || !Objects.equals(pvc.getMetadata().getUid(), ref.getUid())) {
            throw new InvalidSourceException("PersistentVolume " + pvName + " is not bound to " + claim + " (its claimRef "
                    + (ref == null ? "is empty" : "names " + ref.getNamespace() + "/" + ref.getName() + " uid " + ref.getUid())
                    + "): only the claim Kubernetes bound it to can snapshot it");
        }
        var csi = pv.getSpec().getCsi();
        if (csi == null || !CINDER_CSI_DRIVER.equals(csi.getDriver())) {
            throw new InvalidSourceException("PersistentVolume " + pvName + " of claim " + claimName + " is not a "
                    + CINDER_CSI_DRIVER + " volume" + (csi == null ? "" : " (driver " + csi.getDriver() + ")"));
        }
        return csi.getVolumeHandle();
    }
}
