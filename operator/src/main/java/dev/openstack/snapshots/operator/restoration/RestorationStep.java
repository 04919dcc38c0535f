package dev.openstack.snapshots.operator.restoration;

import dev.openstack.snapshots.operator.api.SnapshotRestoration;
import dev.openstack.snapshots.operator.api.SnapshotRestorationStatus;
import dev.openstack.snapshots.operator.flow.TerminalFailures;

/** What a (non-deleting) reconcile of a restoration does next, decided from its status and its snapshot. */
sealed interface RestorationStep {

    /** The volume exists (its id is recorded): only observe it. The snapshot object no longer matters. */
    record Follow(String volumeId) implements RestorationStep {
    }

    /** Cinder refused this spec before any volume existed; wait for a spec change, call nothing. */
    record StayFailed() implements RestorationStep {
    }

    /** The snapshot is not restorable yet; record why and wait for it to change. */
    record WaitForSnapshot(String message) implements RestorationStep {
    }

    /** The snapshot is Erred: say so (Erred/SnapshotFailed) and wait for it to recover or the spec to change. */
    record SnapshotFailed(String message) implements RestorationStep {
    }

    /** Adopt a volume tagged with our uid if a crash left one, else create it. */
    record Restore() implements RestorationStep {
    }

    static RestorationStep decide(SnapshotRestoration restoration, SnapshotReadiness snapshot) {
        SnapshotRestorationStatus status = restoration.getStatus();
        if (status != null && status.getVolumeID() != null) {
            return new Follow(status.getVolumeID());
        }
        if (status != null && TerminalFailures.erredForThisSpec(restoration, status.getState(),
                status.getObservedGeneration(), status.getConditions())) {
            return new StayFailed();
        }
        if (snapshot.failed()) {
            return new SnapshotFailed(snapshot.waitingFor());
        }
        if (!snapshot.ready()) {
            return new WaitForSnapshot(snapshot.waitingFor());
        }
        return new Restore();
    }
}
