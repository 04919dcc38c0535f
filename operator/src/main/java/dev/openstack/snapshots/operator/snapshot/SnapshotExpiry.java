package dev.openstack.snapshots.operator.snapshot;

import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotStatus;
import dev.openstack.snapshots.operator.api.SnapshotState;
import dev.openstack.snapshots.operator.status.Reason;
import java.time.Instant;

/**
 * keptUntil has passed: say so, then delete the object; the Cleaner deletes in Cinder (and sweeps anything tagged
 * with the object, so an unlinked Erred one leaves nothing behind). Only an object that was born expired stays,
 * Erred/Expired with nothing created: deleting it would make a GitOps tool re-create it forever.
 */
final class SnapshotExpiry {

    private final SnapshotParts parts;

    SnapshotExpiry(SnapshotParts parts) {
        this.parts = parts;
    }

    void expire(OpenStackSnapshot snapshot, Instant keptUntil) {
        if (SnapshotFacts.linkedId(snapshot) == null && bornExpired(snapshot)) {
            parts.recorder().record(snapshot,
                    Outcome.erred(Reason.Expired, "keptUntil " + keptUntil + " has already passed: nothing was created"),
                    null, keptUntil, null, null);
            return;
        }
        parts.events().normal(snapshot, "Expired", "keptUntil " + keptUntil + " has passed: deleting the snapshot");
        parts.recorder().record(snapshot,
                new Outcome(SnapshotState.DeletionScheduled, Reason.Expired, "keptUntil " + keptUntil + " has passed"),
                null, keptUntil, null, null);
        parts.kubernetes().resource(snapshot).delete();
    }

    /** Never handled before (no state yet), or already recorded as born expired. */
    private static boolean bornExpired(OpenStackSnapshot snapshot) {
        OpenStackSnapshotStatus status = snapshot.getStatus();
        return status == null || status.getState() == null
                || (status.getState() == SnapshotState.Erred && SnapshotFacts.hasReason(status, Reason.Expired));
    }
}
