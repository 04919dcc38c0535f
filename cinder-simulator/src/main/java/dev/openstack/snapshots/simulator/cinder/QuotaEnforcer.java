package dev.openstack.snapshots.simulator.cinder;

import dev.openstack.snapshots.simulator.errors.CinderFault;
import dev.openstack.snapshots.simulator.store.BlockStore;
import dev.openstack.snapshots.simulator.store.Quotas;

/** Cinder's quota reservation, with the 413 texts of {@code cinder/exception.py}. Call under the store's write lock. */
final class QuotaEnforcer {

    private final Quotas quotas;
    private final BlockStore store;
    private final String projectId;

    QuotaEnforcer(Quotas quotas, BlockStore store, String projectId) {
        this.quotas = quotas;
        this.store = store;
        this.projectId = projectId;
    }

    void reserveVolume(int size) {
        int limit = quotas.limit(projectId, "volumes");
        if (limit >= 0 && store.volumes().size() + 1 > limit) {
            throw CinderFault.overLimit("VolumeLimitExceeded: Maximum number of volumes allowed (" + limit
                    + ") exceeded for quota 'volumes'.");
        }
        reserveGigabytes(size);
    }

    void reserveSnapshot(int size) {
        int limit = quotas.limit(projectId, "snapshots");
        if (limit >= 0 && store.snapshots().size() + 1 > limit) {
            throw CinderFault.overLimit("SnapshotLimitExceeded: Maximum number of snapshots allowed (" + limit + ") exceeded");
        }
        reserveGigabytes(size);
    }

    private void reserveGigabytes(int size) {
        int limit = quotas.limit(projectId, "gigabytes");
        long consumed = store.gigabytes();
        if (limit >= 0 && consumed + size > limit) {
            throw CinderFault.overLimit("VolumeSizeExceedsAvailableQuota: Requested volume or snapshot exceeds allowed "
                    + "gigabytes quota. Requested " + size + "G, quota is " + limit + "G and " + consumed + "G has been consumed.");
        }
    }
}
