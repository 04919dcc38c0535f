package dev.openstack.snapshots.operator.restoration;

import dev.openstack.snapshots.operator.api.SnapshotRestoration;
import dev.openstack.snapshots.operator.names.KubernetesNames;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Map;

/**
 * The owner labels on the PV and PVC a restoration makes: they find them again after a crash (adoption) and tell
 * ours from a user's object of the same name. Labels, not ownerReferences: a PV is cluster-scoped and cannot be
 * owned by a namespaced object, and garbage collection must not delete a claim the user chose to retain.
 * Only the uid identifies the owner; the name is for people ({@code kubectl get pv -l ...}) and, like every label value
 * derived from a user's name, is cut with a hash when longer than 63 characters (a restoration's name may have 253),
 * which the API server would otherwise refuse together with the PV and the claim.
 */
final class ClaimLabels {

    static final String UID = SnapshotRestoration.GROUP + "/restoration-uid";
    static final String NAME = SnapshotRestoration.GROUP + "/restoration";
    static final String NAMESPACE = SnapshotRestoration.GROUP + "/restoration-namespace";
    static final List<String> ALL = List.of(UID, NAME, NAMESPACE);

    private ClaimLabels() {
    }

    static Map<String, String> of(SnapshotRestoration restoration) {
        return Map.of(UID, restoration.getMetadata().getUid(),
                NAME, KubernetesNames.labelValue(restoration.getMetadata().getName()),
                NAMESPACE, restoration.getMetadata().getNamespace());
    }

    static boolean ownedBy(HasMetadata object, SnapshotRestoration restoration) {
        Map<String, String> labels = object.getMetadata().getLabels();
        return labels != null && restoration.getMetadata().getUid().equals(labels.get(UID));
    }
}
