package dev.openstack.snapshots.operator.snapshot;

import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotStatus;
import java.time.Instant;
import java.util.Objects;

/** What the controller reads off an OpenStackSnapshot object itself. */
final class SnapshotFacts {

    private SnapshotFacts() {
    }

    static Instant keptUntilOf(OpenStackSnapshot snapshot) {
        try {
            return Retention.parse(snapshot.getSpec().getKeptUntil()).orElse(null);
        } catch (IllegalArgumentException e) {
            throw new InvalidSpecException(e.getMessage());
        }
    }

    static String linkedId(OpenStackSnapshot snapshot) {
        String fromStatus = statusOf(snapshot).getBackendID();
        return fromStatus != null ? fromStatus : snapshot.getSpec().getBackendID();
    }

    static OpenStackSnapshotStatus statusOf(OpenStackSnapshot snapshot) {
        return Objects.requireNonNullElseGet(snapshot.getStatus(), OpenStackSnapshotStatus::new);
    }

    static String annotation(OpenStackSnapshot snapshot, String key) {
        var annotations = snapshot.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(key);
    }
}
