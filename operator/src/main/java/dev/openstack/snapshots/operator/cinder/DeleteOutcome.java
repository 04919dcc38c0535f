package dev.openstack.snapshots.operator.cinder;

/** What a delete call found. */
public enum DeleteOutcome {
    /** Cinder accepted the delete (202); the resource goes through {@code deleting}. */
    DELETING,
    /** Cinder no longer had the resource (404): nothing left to delete. */
    ALREADY_GONE
}
