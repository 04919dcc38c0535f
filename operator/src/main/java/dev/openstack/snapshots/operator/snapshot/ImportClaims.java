package dev.openstack.snapshots.operator.snapshot;

import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.cinder.CinderSnapshot;
import dev.openstack.snapshots.operator.cinder.OwnerTags;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

/**
 * Whether an import ({@code spec.backendID}) may manage its Cinder snapshot. A namespace user must not gain, by
 * naming an id, power over a snapshot another object owns: that would let them delete or rewrite another team's
 * snapshot (issue 14, confused deputy). So an import is refused when
 * <ul>
 * <li>the Cinder snapshot carries owner tags of another object (the operator made it for someone else), or</li>
 * <li>another OpenStackSnapshot, in any watched namespace, already manages it: one that created it (its
 * status.backendID), or an earlier import of the same id (older creationTimestamp, then lower uid; so of two racing
 * imports exactly one wins, whichever process decides).</li>
 * </ul>
 */
final class ImportClaims {

    private static final Comparator<OpenStackSnapshot> FIRST_COME = Comparator
            .comparing((OpenStackSnapshot s) -> String.valueOf(s.getMetadata().getCreationTimestamp()))
            .thenComparing(s -> String.valueOf(s.getMetadata().getUid()));

    private ImportClaims() {
    }

    /**
     * @param cinder the Cinder snapshot as last seen, or null when not seen (then only the other objects count)
     * @param sameId the objects whose spec or status names the same Cinder id (this one may be among them)
     * @return why the import is refused, naming the other owner; empty when it may manage the snapshot
     */
    static Optional<String> refusal(OpenStackSnapshot imported, CinderSnapshot cinder, Collection<OpenStackSnapshot> sameId) {
        String id = imported.getSpec().getBackendID();
        String uid = imported.getMetadata().getUid();
        if (cinder != null) {
            Map<String, String> tags = cinder.metadata();
            String owner = tags.get(OwnerTags.UID);
            if (owner != null && !owner.equals(uid)) {
                return Optional.of("Cinder snapshot " + id + " belongs to " + tags.get(OwnerTags.KIND) + " "
                        + tags.get(OwnerTags.NAMESPACE) + "/" + tags.get(OwnerTags.NAME)
                        + " (its owner tags): it cannot be imported");
            }
        }
        for (OpenStackSnapshot other : sameId) {
            if (uid.equals(other.getMetadata().getUid())) {
                continue;
            }
            boolean created = other.getSpec().getBackendID() == null && other.getStatus() != null
                    && id.equals(other.getStatus().getBackendID());
            boolean importedEarlier = id.equals(other.getSpec().getBackendID()) && FIRST_COME.compare(other, imported) < 0;
            if (created || importedEarlier) {
                return Optional.of("Cinder snapshot " + id + " is already managed by OpenStackSnapshot "
                        + other.getMetadata().getNamespace() + "/" + other.getMetadata().getName()
                        + ": it cannot be imported a second time");
            }
        }
        return Optional.empty();
    }
}
