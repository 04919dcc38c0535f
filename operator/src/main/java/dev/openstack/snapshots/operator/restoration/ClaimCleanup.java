package dev.openstack.snapshots.operator.restoration;

import dev.openstack.snapshots.operator.api.SnapshotRestoration;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What deleting a restoration into a claim does to the claim and the PV (before the Cinder volume is looked at).
 * Only objects with our owner label are touched. Retain hands them to the user; Delete removes the claim, waits
 * until Kubernetes lets it go (kubernetes.io/pvc-protection holds it while a pod uses it), then the PV.
 */
final class ClaimCleanup {

    private static final Logger LOG = LoggerFactory.getLogger(ClaimCleanup.class);
    static final String PVC_PROTECTION = "kubernetes.io/pvc-protection";

    private final KubernetesClient client;

    ClaimCleanup(KubernetesClient client) {
        this.client = client;
    }

    /** Retain: our labels removed, the PV's reclaim policy Retain; the claim stays bound and usable. */
    void release(SnapshotRestoration restoration) {
        String ns = restoration.getMetadata().getNamespace();
        Resource<PersistentVolumeClaim> claim = claim(restoration);
        PersistentVolumeClaim pvc = claim.get();
        if (pvc != null && ClaimLabels.ownedBy(pvc, restoration)) {
            claim.edit(live -> {
                ClaimLabels.ALL.forEach(live.getMetadata().getLabels()::remove);
                return live;
            });
        }
        for (PersistentVolume pv : ours(restoration)) {
            client.persistentVolumes().withName(pv.getMetadata().getName()).edit(live -> {
                ClaimLabels.ALL.forEach(live.getMetadata().getLabels()::remove);
                live.getSpec().setPersistentVolumeReclaimPolicy("Retain");
                return live;
            });
            LOG.info("{}/{}: PV {} and claim {} retained (deletionPolicy Retain)", ns, restoration.getMetadata().getName(),
                    pv.getMetadata().getName(), restoration.getSpec().getPersistentVolumeClaim().getName());
        }
    }

    /** Delete: empty once neither our claim nor our PV exists, else what is being waited for. */
    Optional<String> remove(SnapshotRestoration restoration) {
        String ns = restoration.getMetadata().getNamespace();
        String name = restoration.getMetadata().getName();
        Resource<PersistentVolumeClaim> claim = claim(restoration);
        PersistentVolumeClaim pvc = claim.get();
        if (pvc != null && ClaimLabels.ownedBy(pvc, restoration)) {
            if (pvc.getMetadata().getDeletionTimestamp() == null) {
                claim.delete();
                LOG.info("{}/{}: deleting claim {}", ns, name, pvc.getMetadata().getName());
            }
            List<String> finalizers = pvc.getMetadata().getFinalizers();
            boolean protectedByPod = finalizers != null && finalizers.contains(PVC_PROTECTION);
            return Optional.of("deleting PersistentVolumeClaim " + ns + "/" + pvc.getMetadata().getName()
                    + (protectedByPod ? " (" + PVC_PROTECTION + " holds it until no pod uses it)" : ""));
        }
        for (PersistentVolume pv : ours(restoration)) {
            if (pv.getMetadata().getDeletionTimestamp() == null) {
                client.persistentVolumes().withName(pv.getMetadata().getName()).delete();
                LOG.info("{}/{}: deleting PV {}", ns, name, pv.getMetadata().getName());
            }
            return Optional.of("deleting PersistentVolume " + pv.getMetadata().getName());
        }
        return Optional.empty();
    }

    private List<PersistentVolume> ours(SnapshotRestoration restoration) {
        return client.persistentVolumes().withLabel(ClaimLabels.UID, restoration.getMetadata().getUid()).list().getItems();
    }

    private Resource<PersistentVolumeClaim> claim(SnapshotRestoration restoration) {
        return client.persistentVolumeClaims().inNamespace(restoration.getMetadata().getNamespace())
                .withName(restoration.getSpec().getPersistentVolumeClaim().getName());
    }
}
