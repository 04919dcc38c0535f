package dev.openstack.snapshots.operator.api;

/** What deleting the Kubernetes object does to the Cinder snapshot. */
public enum DeletionPolicy {
    /** Delete the Cinder snapshot, wait until Cinder no longer has it, then let the object go. */
    Delete,
    /** Leave the Cinder snapshot alone; only the Kubernetes object goes. */
    Retain
}
