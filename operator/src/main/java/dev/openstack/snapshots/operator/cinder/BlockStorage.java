package dev.openstack.snapshots.operator.cinder;

/**
 * The port to Cinder: everything the controllers may do with block storage, for one project of one
 * cloud. Implementations are thread-safe and share one Keystone token.
 */
public interface BlockStorage {

    CinderSnapshots snapshots();

    CinderVolumes volumes();
}
