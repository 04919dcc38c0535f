package dev.openstack.snapshots.operator.cinder.openstack;

/**
 * One call of the Cinder port. {@code label} is its kind, such as {@code snapshot.create} or {@code volume.get}: the
 * {@code operation} label of the calls metric, with the names of the simulator's request counters so that the two
 * compare. {@code description} names the call in messages and may carry ids, which a label must not.
 */
record CinderOperation(String label, String description) {
}
