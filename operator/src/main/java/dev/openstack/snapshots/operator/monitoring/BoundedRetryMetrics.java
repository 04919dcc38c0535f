package dev.openstack.snapshots.operator.monitoring;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import io.javaoperatorsdk.operator.processing.Controller;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.Map;

/**
 * JOSDK's metrics with the retry attempt capped at {@value #MAX_ATTEMPT_LABEL}. JOSDK's micrometer support puts the
 * attempt number into the label {@code reconciliations_retries_number} of {@code operator_sdk_reconciliations_started_total};
 * our retries never give up (transient errors back off forever), so during a long outage every new attempt number
 * would be a new series. Capped, "{@value #MAX_ATTEMPT_LABEL}" reads "{@value #MAX_ATTEMPT_LABEL} or more".
 */
public final class BoundedRetryMetrics implements Metrics {

    public static final int MAX_ATTEMPT_LABEL = 10;

    private final Metrics delegate;

    public BoundedRetryMetrics(Metrics delegate) {
        this.delegate = delegate;
    }

    @Override
    public void reconcileCustomResource(HasMetadata resource, RetryInfo retryInfo, Map<String, Object> metadata) {
        delegate.reconcileCustomResource(resource, capped(retryInfo), metadata);
    }

    static RetryInfo capped(RetryInfo retryInfo) {
        if (retryInfo == null || retryInfo.getAttemptCount() <= MAX_ATTEMPT_LABEL) {
            return retryInfo;
        }
        boolean last = retryInfo.isLastAttempt();
        return new RetryInfo() {
            @Override
            public int getAttemptCount() {
                return MAX_ATTEMPT_LABEL;
            }

            @Override
            public boolean isLastAttempt() {
                return last;
            }
        };
    }

    @Override
    public void controllerRegistered(Controller<? extends HasMetadata> controller) {
        delegate.controllerRegistered(controller);
    }

    @Override
    public void receivedEvent(Event event, Map<String, Object> metadata) {
        delegate.receivedEvent(event, metadata);
    }

    @Override
    public void failedReconciliation(HasMetadata resource, Exception exception, Map<String, Object> metadata) {
        delegate.failedReconciliation(resource, exception, metadata);
    }

    @Override
    public void reconciliationExecutionStarted(HasMetadata resource, Map<String, Object> metadata) {
        delegate.reconciliationExecutionStarted(resource, metadata);
    }

    @Override
    public void reconciliationExecutionFinished(HasMetadata resource, Map<String, Object> metadata) {
        delegate.reconciliationExecutionFinished(resource, metadata);
    }

    @Override
    public void cleanupDoneFor(ResourceID resourceID, Map<String, Object> metadata) {
        delegate.cleanupDoneFor(resourceID, metadata);
    }

    @Override
    public void finishedReconciliation(HasMetadata resource, Map<String, Object> metadata) {
        delegate.finishedReconciliation(resource, metadata);
    }

    @Override
    public <T> T timeControllerExecution(ControllerExecution<T> execution) throws Exception {
        return delegate.timeControllerExecution(execution);
    }

    @Override
    public <T extends Map<?, ?>> T monitorSizeOf(T map, String name) {
        return delegate.monitorSizeOf(map, name);
    }
}
