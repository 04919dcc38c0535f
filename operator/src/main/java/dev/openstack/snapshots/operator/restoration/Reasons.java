package dev.openstack.snapshots.operator.restoration;

/** Condition types and reasons of a SnapshotRestoration (ARCHITECTURE.md §2, plus WaitingForSnapshot). */
final class Reasons {

    static final String READY = "Ready";
    static final String PROGRESSING_TYPE = "Progressing";

    static final String PROGRESSING = "Progressing";
    static final String WAITING_FOR_SNAPSHOT = "WaitingForSnapshot";
    static final String SUCCESS = "Success";
    static final String BACKEND_ERROR = "BackendError";
    static final String INVALID_CONFIGURATION = "InvalidConfiguration";
    static final String TRANSIENT_ERROR = "TransientError";
    static final String NOT_FOUND = "NotFound";
    static final String DELETION_FAILED = "DeletionFailed";
    /** spec.persistentVolumeClaim: the volume is available, the PV controller has not bound the claim yet. */
    static final String WAITING_FOR_BINDING = "WaitingForBinding";
    /** The OpenStackSnapshot to restore is Erred; re-evaluated whenever the snapshot changes. */
    static final String SNAPSHOT_FAILED = "SnapshotFailed";

    private Reasons() {
    }
}
