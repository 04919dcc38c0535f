package dev.openstack.snapshots.operator.cinder.openstack;

import dev.openstack.snapshots.operator.cinder.BlockStorage;
import dev.openstack.snapshots.operator.cinder.CinderSnapshots;
import dev.openstack.snapshots.operator.cinder.CinderVolumes;

/** The Cinder port on openstack4j 3.12, for one project of one cloud. */
final class OpenStackBlockStorage implements BlockStorage {

    private final CinderSnapshots snapshots;
    private final CinderVolumes volumes;

    OpenStackBlockStorage(OpenStackConnection connection) {
        this.snapshots = new OpenStackSnapshots(connection);
        this.volumes = new OpenStackVolumes(connection);
    }

    @Override
    public CinderSnapshots snapshots() {
        return snapshots;
    }

    @Override
    public CinderVolumes volumes() {
        return volumes;
    }
}
