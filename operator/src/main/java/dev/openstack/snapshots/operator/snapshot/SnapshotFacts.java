package dev.openstack.snapshots.operator.snapshot;

import dev.openstack.snapshots.operator.api.DeletionPolicy;
import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotStatus;
import dev.openstack.snapshots.operator.status.Conditions;
import dev.openstack.snapshots.operator.status.Reason;
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

    /** The retention in force, kept in status while a deletion is held; an invalid one was reported already. */
    static Instant keptUntilOrNull(OpenStackSnapshot snapshot) {
        try {
            return keptUntilOf(snapshot);
        } catch (InvalidSpecException e) {
            return null;
        }
    }

    /** spec.deletionPolicy, or its default: Retain for an import (never risk a snapshot one did not make), else Delete. */
    static DeletionPolicy deletionPolicyOf(OpenStackSnapshot snapshot) {
        DeletionPolicy set = snapshot.getSpec().getDeletionPolicy();
        if (set != null) {
            return set;
        }
        return snapshot.getSpec().getBackendID() != null ? DeletionPolicy.Retain : DeletionPolicy.Delete;
    }

    static String linkedId(OpenStackSnapshot snapshot) {
        String fromStatus = statusOf(snapshot).getBackendID();
        return fromStatus != null ? fromStatus : snapshot.getSpec().getBackendID();
    }

    /**
     * True when no create can have been sent for this object: the source volume and the create mark are written to
     * status before every create call, and an import names its snapshot in the spec. Such an object has nothing in Cinder to clean up.
     */
    static boolean createNeverSent(OpenStackSnapshot snapshot) {
        OpenStackSnapshotStatus status = statusOf(snapshot);
        return snapshot.getSpec().getBackendID() == null && status.getBackendID() == null
                && status.getSourceVolume() == null && status.getCreateRequestedAt() == null;
    }

    static OpenStackSnapshotStatus statusOf(OpenStackSnapshot snapshot) {
        return Objects.requireNonNullElseGet(snapshot.getStatus(), OpenStackSnapshotStatus::new);
    }

    /** True when the Ready condition carries {@code reason}. */
    static boolean hasReason(OpenStackSnapshotStatus status, Reason reason) {
        return reason.isOn(status.getConditions(), Conditions.READY);
    }

    static String annotation(OpenStackSnapshot snapshot, String key) {
        var annotations = snapshot.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(key);
    }
}
