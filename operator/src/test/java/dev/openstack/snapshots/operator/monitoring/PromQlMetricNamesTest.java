package dev.openstack.snapshots.operator.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PromQlMetricNamesTest {

    @Test
    void findsMetricsNotFunctionsLabelsOrVariables() {
        assertEquals(Set.of("a_total", "b_seconds_sum"), PromQlMetricNames.of(
                "sum by (namespace, kind) (rate(a_total{state=~\"X|Y\", cloud=\"$cloud\"}[$__rate_interval])) / on(cloud) "
                        + "group_left() b_seconds_sum > 2 * 1e3 and time() - 10"));
        assertEquals(Set.of("up"), PromQlMetricNames.of("absent(up{job=\"x\"} == 1)"));
        assertEquals(Set.of("last", "interval"), PromQlMetricNames.of("time() - last > 2 * interval"));
    }
}
