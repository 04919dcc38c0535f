package dev.openstack.snapshots.e2e.cluster;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class only when a real Kubernetes control plane is configured ({@link RealCluster}): skipped
 * (reported as skipped) without {@code E2E_KUBECONFIG}, a failure when the e2e profile demands one.
 */
public final class RealClusterCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (RealCluster.fromEnvironment().isPresent()) {
            return ConditionEvaluationResult.enabled("real control plane configured");
        }
        if (Boolean.parseBoolean(System.getProperty("e2e.required", "false"))) {
            throw new IllegalStateException("the e2e profile needs a real control plane: set E2E_KUBECONFIG "
                    + "(eval \"$(e2e/kubernetes-on-loopback.sh env)\", see docs/e2e.md)");
        }
        return ConditionEvaluationResult.disabled("no real control plane: E2E_KUBECONFIG is not set (see docs/e2e.md)");
    }
}
