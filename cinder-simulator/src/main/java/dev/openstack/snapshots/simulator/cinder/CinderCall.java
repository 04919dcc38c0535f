package dev.openstack.snapshots.simulator.cinder;

import dev.openstack.snapshots.simulator.faults.FaultRule;
import dev.openstack.snapshots.simulator.http.SimRequest;

import java.util.List;
import java.util.Optional;

/** One routed Cinder call: the request, its microversion, the path segments after the project id, the fault rule in force. */
record CinderCall(SimRequest request, Microversion version, List<String> segments, Optional<FaultRule> fault) {

    String segment(int i) {
        return segments.get(i);
    }

    /** The resource ends in an error state instead of its normal outcome. */
    boolean endInError() {
        return fault.map(FaultRule::endInError).orElse(false);
    }
}
