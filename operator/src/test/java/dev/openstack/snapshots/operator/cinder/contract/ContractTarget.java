package dev.openstack.snapshots.operator.cinder.contract;

import dev.openstack.snapshots.operator.testing.admin.CinderAdmin;
import dev.openstack.snapshots.operator.cinder.BlockStorage;

/**
 * What the contract suite runs against: the port under test and an admin handle on the same project.
 * {@code mutatesQuotas} false skips the quota case (it briefly lowers the project's snapshot quota).
 */
public record ContractTarget(BlockStorage blockStorage, CinderAdmin admin, boolean mutatesQuotas) {
}
