package dev.openstack.snapshots.simulator.cinder;

import dev.openstack.snapshots.simulator.faults.Transitions;
import dev.openstack.snapshots.simulator.store.BlockStore;
import dev.openstack.snapshots.simulator.store.Quotas;

import java.time.Clock;
import java.util.UUID;

/** What the Cinder controllers share: the store, quotas, the transition scheduler, views, the clock. */
public record CinderState(String projectId, BlockStore store, Quotas quotas, Transitions transitions, CinderViews views,
                          Clock clock) {

    QuotaEnforcer enforcer() {
        return new QuotaEnforcer(quotas, store, projectId);
    }

    static String newId() {
        return UUID.randomUUID().toString();
    }
}
