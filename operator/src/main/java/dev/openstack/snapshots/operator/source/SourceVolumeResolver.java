package dev.openstack.snapshots.operator.source;

import dev.openstack.snapshots.operator.api.SourceVolume;
import dev.openstack.snapshots.operator.api.SourceVolumeStatus;
import dev.openstack.snapshots.operator.cinder.CinderVolume;
import dev.openstack.snapshots.operator.cinder.CinderVolumes;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
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

    private String volumeHandleOf(String claimName, String namespace) {
        PersistentVolumeClaim pvc = kubernetes.persistentVolumeClaims().inNamespace(namespace).withName(claimName).get();
        if (pvc == null) {
            throw new InvalidSourceException("PersistentVolumeClaim " + namespace + "/" + claimName + " not found");
        }
        String pvName = pvc.getSpec() == null ? null : pvc.getSpec().getVolumeName();
        if (pvName == null || pvName.isEmpty()) {
            throw new InvalidSourceException("PersistentVolumeClaim " + namespace + "/" + claimName + " is not bound");
        }
        PersistentVolume pv = kubernetes.persistentVolumes().withName(pvName).get();
        if (pv == null) {
            throw new InvalidSourceException("PersistentVolume " + pvName + " of claim " + claimName + " not found");
        }
        var csi = pv.getSpec() == null ? null : pv.getSpec().getCsi();
        if (csi == null || !CINDER_CSI_DRIVER.equals(csi.getDriver())) {
            throw new InvalidSourceException("PersistentVolume " + pvName + " of claim " + claimName + " is not a "
                    + CINDER_CSI_DRIVER + " volume" + (csi == null ? "" : " (driver " + csi.getDriver() + ")"));
        }
        return csi.getVolumeHandle();
    }
}
