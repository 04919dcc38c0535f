package dev.openstack.snapshots.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a real cloud's Cinder calls are counted: the operator's own metric, for the benchmark's cloud only. */
class OperatorCinderCallsTest {

    private static final String METRICS = """
            # HELP openstack_snapshot_operator_cinder_calls_seconds Cinder calls per cloud, operation and outcome (ok, terminal, transient)
            # TYPE openstack_snapshot_operator_cinder_calls_seconds summary
            openstack_snapshot_operator_cinder_calls_seconds_count{cloud="e2e",operation="snapshot.list",outcome="ok"} 412
            openstack_snapshot_operator_cinder_calls_seconds_count{cloud="e2e",operation="snapshot.create",outcome="ok"} 100
            openstack_snapshot_operator_cinder_calls_seconds_sum{cloud="e2e",operation="snapshot.list",outcome="ok"} 96.5
            openstack_snapshot_operator_cinder_calls_seconds_count{outcome="transient",operation="snapshot.create",cloud="e2e",} 3.0
            openstack_snapshot_operator_cinder_calls_seconds_count{cloud="e2e",operation="volume.get",outcome="transient"} 1
            openstack_snapshot_operator_cinder_calls_seconds_count{cloud="e2e-quota",operation="volume.get",outcome="ok"} 7.0
            openstack_snapshot_operator_cinder_calls_seconds_max{cloud="e2e",operation="snapshot.list",outcome="ok"} 1.2
            openstack_snapshot_operator_cinder_calls_in_flight{cloud="e2e"} 99
            """;

    @Test
    void countsTheCloudsAnsweredCallsByOperationAndFailedOnesByOutcomeWhateverTheLabelOrderAndNumberFormat() {
        assertEquals(Map.of("snapshot.list", 412L, "snapshot.create", 100L, "transient", 4L),
                OperatorCinderCalls.of(METRICS, "e2e"));
        assertEquals(Map.of("volume.get", 7L), OperatorCinderCalls.of(METRICS, "e2e-quota"));
    }

    @Test
    void nothingBeforeTheOperatorListens() {
        assertEquals(Map.of(), OperatorCinderCalls.of("", "e2e"));
    }
}
