package dev.openstack.snapshots.operator.restoration;

import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotStatus;
import dev.openstack.snapshots.operator.api.SnapshotState;
import java.util.Optional;

/**
 * Whether an OpenStackSnapshot can be restored now, and if not, the sentence that tells the user what
 * the restoration is waiting for.
 */
record SnapshotReadiness(boolean ready, String waitingFor, boolean failed) {

    static SnapshotReadiness of(String namespace, String snapshotName, Optional<OpenStackSnapshot> snapshot) {
        if (snapshot.isEmpty()) {
            return waiting("OpenStackSnapshot " + namespace + "/" + snapshotName
                    + " does not exist (yet); the restore starts when it exists and is Ready");
        }
        OpenStackSnapshot s = snapshot.get();
        if (s.getMetadata().getDeletionTimestamp() != null) {
            return waiting("OpenStackSnapshot " + namespace + "/" + snapshotName + " is being deleted");
        }
        OpenStackSnapshotStatus status = s.getStatus();
        if (status != null && status.getState() == SnapshotState.Erred) {
            String why = status.getErrorMessage() == null || status.getErrorMessage().isEmpty() ? ""
                    : ": " + status.getErrorMessage();
            return new SnapshotReadiness(false, "OpenStackSnapshot " + namespace + "/" + snapshotName
                    + " is Erred" + why, true);
        }
        boolean readyCondition = status != null && status.getConditions() != null && status.getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
        if (!readyCondition || status.getBackendID() == null) {
            String state = status == null || status.getState() == null ? "not reported yet" : status.getState().name();
            return waiting("waiting for OpenStackSnapshot " + namespace + "/" + snapshotName
                    + " to be Ready (state: " + state + ")");
        }
        return new SnapshotReadiness(true, null, false);
    }

    private static SnapshotReadiness waiting(String message) {
        return new SnapshotReadiness(false, message, false);
    }
}
