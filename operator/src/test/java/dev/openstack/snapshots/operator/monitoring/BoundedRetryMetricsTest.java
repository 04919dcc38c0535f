package dev.openstack.snapshots.operator.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The attempt number JOSDK turns into a label never exceeds the cap, whatever the outage's length. */
class BoundedRetryMetricsTest {

    @Test
    void attemptsBeyondTheCapAreReportedAsTheCap() {
        List<RetryInfo> seen = new ArrayList<>();
        Metrics metrics = new BoundedRetryMetrics(new Metrics() {
            @Override
            public void reconcileCustomResource(HasMetadata resource, RetryInfo retryInfo, Map<String, Object> metadata) {
                seen.add(retryInfo);
            }
        });
        for (int attempt = 1; attempt <= 500; attempt++) {
            metrics.reconcileCustomResource(new OpenStackSnapshot(), attempt(attempt, attempt == 500), Map.of());
        }
        metrics.reconcileCustomResource(new OpenStackSnapshot(), null, Map.of());
        assertEquals(BoundedRetryMetrics.MAX_ATTEMPT_LABEL,
                seen.stream().filter(r -> r != null).mapToInt(RetryInfo::getAttemptCount).distinct().count());
        assertEquals(7, seen.get(6).getAttemptCount());
        assertEquals(BoundedRetryMetrics.MAX_ATTEMPT_LABEL, seen.get(499).getAttemptCount());
        assertTrue(seen.get(499).isLastAttempt());
        assertNull(seen.get(500), "no retry stays no retry");
    }

    private static RetryInfo attempt(int count, boolean last) {
        return new RetryInfo() {
            @Override
            public int getAttemptCount() {
                return count;
            }

            @Override
            public boolean isLastAttempt() {
                return last;
            }
        };
    }
}
