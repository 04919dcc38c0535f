package dev.openstack.snapshots.operator.restoration;

import dev.openstack.snapshots.operator.api.RestoredClaimSpec;
import dev.openstack.snapshots.operator.api.SnapshotRestoration;
import dev.openstack.snapshots.operator.cinder.CinderVolume;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only place that creates a restoration's PV and claim. Names are deterministic (PV after the volume id, the
 * claim from the spec), so a GET before each create is the adoption after a crash; an object of that name without
 * our owner label is someone else's and is never touched. Binding itself is left to the PV controller.
 */
final class ClaimBinder {

    private static final Logger LOG = LoggerFactory.getLogger(ClaimBinder.class);

    /** What exists after {@link #ensure}: the names and the claim's phase as Kubernetes reports it. */
    record Claimed(String persistentVolumeName, String claimName, String phase) {
    }

    /** The cluster makes this spec impossible (a foreign claim or PV, a mismatching StorageClass, a refused claim). */
    static final class ClaimConflict extends RuntimeException {
        ClaimConflict(String message) {
            super(message);
        }
    }

    private final KubernetesClient client;

    ClaimBinder(KubernetesClient client) {
        this.client = client;
    }

    /** Checked before the Cinder volume is created, so a spec that cannot work costs no volume. */
    Optional<String> problem(SnapshotRestoration restoration, String csiDriver) {
        RestoredClaimSpec claim = restoration.getSpec().getPersistentVolumeClaim();
        PersistentVolumeClaim existing = claim(restoration).get();
        if (existing != null && !ClaimLabels.ownedBy(existing, restoration)) {
            return Optional.of(foreignClaim(restoration));
        }
        String className = ClaimObjects.storageClassName(claim);
        if (!className.isEmpty()) {
            // A class that does not exist is fine: for a pre-bound PV the class name is only a matching label.
            StorageClass storageClass = client.storage().v1().storageClasses().withName(className).get();
            if (storageClass != null && !csiDriver.equals(storageClass.getProvisioner())) {
                return Optional.of("StorageClass " + className + " has provisioner " + storageClass.getProvisioner()
                        + ", not the cloud's CSI driver " + csiDriver + ": a PV of that class could not be mounted. "
                        + "Name a class of " + csiDriver + ", or none");
            }
        }
        return Optional.empty();
    }

    /** Adopts or creates the PV, then the claim; throws {@link ClaimConflict} instead of touching a foreign object. */
    Claimed ensure(SnapshotRestoration restoration, CinderVolume volume, String csiDriver) {
        problem(restoration, csiDriver).ifPresent(message -> {
            throw new ClaimConflict(message);
        });
        String ns = restoration.getMetadata().getNamespace();
        String name = restoration.getMetadata().getName();
        PersistentVolume desiredPv = ClaimObjects.persistentVolume(restoration, volume, csiDriver);
        Resource<PersistentVolume> pvResource = client.persistentVolumes().withName(desiredPv.getMetadata().getName());
        PersistentVolume pv = adoptOrCreate(pvResource, desiredPv, restoration,
                "PersistentVolume " + desiredPv.getMetadata().getName() + " exists and was not created by this restoration");
        String reclaim = ClaimObjects.reclaimPolicy(restoration);
        if (!reclaim.equals(pv.getSpec().getPersistentVolumeReclaimPolicy())) {
            // deletionPolicy may change after creation; the PV follows it.
            pvResource.edit(live -> {
                live.getSpec().setPersistentVolumeReclaimPolicy(reclaim);
                return live;
            });
        }
        PersistentVolumeClaim pvc = adoptOrCreate(claim(restoration),
                ClaimObjects.persistentVolumeClaim(restoration, volume), restoration, foreignClaim(restoration));
        String phase = pvc.getStatus() == null || pvc.getStatus().getPhase() == null ? "Pending" : pvc.getStatus().getPhase();
        LOG.debug("{}/{}: PV {} and claim {} exist, claim {}", ns, name, desiredPv.getMetadata().getName(),
                pvc.getMetadata().getName(), phase);
        return new Claimed(desiredPv.getMetadata().getName(), pvc.getMetadata().getName(), phase);
    }

    private <T extends HasMetadata> T adoptOrCreate(Resource<T> resource, T desired, SnapshotRestoration restoration,
            String foreign) {
        T existing = resource.get();
        if (existing == null) {
            try {
                T created = client.resource(desired).create();
                LOG.info("{}/{}: created {} {}", restoration.getMetadata().getNamespace(),
                        restoration.getMetadata().getName(), desired.getKind(), desired.getMetadata().getName());
                return created;
            } catch (KubernetesClientException e) {
                if (e.getCode() == 422 || e.getCode() == 403) {
                    // Refused as given (e.g. an invalid label in spec.persistentVolumeClaim.labels, or a quota).
                    throw new ClaimConflict(desired.getKind() + " " + desired.getMetadata().getName()
                            + " was refused by the API server: "
                            + (e.getStatus() != null ? e.getStatus().getMessage() : e.getMessage()));
                }
                if (e.getCode() != 409) {
                    throw e;
                }
                existing = resource.get(); // made meanwhile: by us (a concurrent pass) or by someone else
                if (existing == null) {
                    throw e;
                }
            }
        }
        if (!ClaimLabels.ownedBy(existing, restoration)) {
            throw new ClaimConflict(foreign);
        }
        return existing;
    }

    private Resource<PersistentVolumeClaim> claim(SnapshotRestoration restoration) {
        return client.persistentVolumeClaims().inNamespace(restoration.getMetadata().getNamespace())
                .withName(restoration.getSpec().getPersistentVolumeClaim().getName());
    }

    private static String foreignClaim(SnapshotRestoration restoration) {
        return "PersistentVolumeClaim " + restoration.getMetadata().getNamespace() + "/"
                + restoration.getSpec().getPersistentVolumeClaim().getName() + " already exists and was not created by "
                + "this restoration; it is left untouched. Choose another spec.persistentVolumeClaim.name (or delete "
                + "that claim) and recreate the restoration";
    }
}
