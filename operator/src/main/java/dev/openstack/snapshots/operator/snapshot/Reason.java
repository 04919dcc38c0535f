package dev.openstack.snapshots.operator.snapshot;

/** The reasons of the Ready and Progressing conditions (ARCHITECTURE §2). */
public enum Reason {
    /** Work is under way (creating, updating, deleting). */
    Progressing,
    /** The snapshot is available and matches the spec. */
    Success,
    /** Cinder put the snapshot in error, or refused for a reason of its own (e.g. quota). */
    BackendError,
    /** The spec, the Secret or the referenced volume cannot work as they are; fixed by changing them. */
    InvalidConfiguration,
    /** OpenStack is unreachable or answered 5xx/429; retried with backoff. */
    TransientError,
    /** The Cinder snapshot was deleted behind the operator's back. */
    NotFound,
    /** keptUntil has passed. */
    Expired,
    /** Cinder could not delete the snapshot (error_deleting). */
    DeletionFailed,
    /** Deletion waits: a SnapshotRestoration is still creating its volume from this snapshot. */
    RestorationInProgress
}
