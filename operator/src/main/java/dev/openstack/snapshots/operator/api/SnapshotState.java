package dev.openstack.snapshots.operator.api;

/** Where an OpenStackSnapshot is in its life: the portal's state machine, derived from Cinder's status. */
public enum SnapshotState {
    /** Accepted; Cinder has not been asked yet. */
    CreationScheduled,
    /** Cinder is creating the snapshot ({@code creating}). */
    Creating,
    /** Cinder reports {@code available} and the spec is applied. */
    OK,
    /** A spec edit (name, description, metadata) is waiting to be pushed to Cinder. */
    UpdateScheduled,
    /** A spec edit is being pushed to Cinder. */
    Updating,
    /** The object is being deleted; Cinder has not been asked yet. */
    DeletionScheduled,
    /** Cinder is deleting the snapshot ({@code deleting}). */
    Deleting,
    /** Something went wrong that retrying cannot fix: see the Ready condition's reason and errorMessage. */
    Erred
}
