package dev.openstack.snapshots.operator.snapshot;

import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotStatus;
import dev.openstack.snapshots.operator.api.SnapshotState;
import dev.openstack.snapshots.operator.events.TransitionEvents;
import dev.openstack.snapshots.operator.status.Reason;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;

/**
 * keptUntil has passed: say so, then delete the object; the Cleaner deletes in Cinder (and sweeps anything tagged
 * with the object, so an unlinked Erred one leaves nothing behind). Only an object that was born expired stays,
 * Erred/Expired with nothing created: deleting it would make a GitOps tool re-create it forever.
 */
final class SnapshotExpiry {

    private final SnapshotRecorder recorder;
    private final TransitionEvents events;
    private final KubernetesClient kubernetes;

    SnapshotExpiry(SnapshotRecorder recorder, TransitionEvents events, KubernetesClient kubernetes) {
        this.recorder = recorder;
        this.events = events;
        this.kubernetes = kubernetes;
    }

    void expire(OpenStackSnapshot snapshot, Instant keptUntil) {
        if (SnapshotFacts.linkedId(snapshot) == null && bornExpired(snapshot)) {
            recorder.record(snapshot,
                    Outcome.erred(Reason.Expired, "keptUntil " + keptUntil + " has already passed: nothing was created"));
            return;
        }
        events.normal(snapshot, "Expired", "keptUntil " + keptUntil + " has passed: deleting the snapshot");
        recorder.record(snapshot,
                new Outcome(SnapshotState.DeletionScheduled, Reason.Expired, "keptUntil " + keptUntil + " has passed"));
        kubernetes.resource(snapshot).delete();
    }

    /** Never handled before (no state yet), or already recorded as born expired. */
    private static boolean bornExpired(OpenStackSnapshot snapshot) {
        OpenStackSnapshotStatus status = snapshot.getStatus();
        return status == null || status.getState() == null
                || (status.getState() == SnapshotState.Erred && SnapshotFacts.hasReason(status, Reason.Expired));
    }
}
