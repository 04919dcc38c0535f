package dev.openstack.snapshots.e2e;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class only when a real cloud is configured ({@link E2eSettings}). Without one the class is
 * skipped (reported as skipped, not as passed), unless the e2e profile demanded a real cloud: then it fails.
 */
public final class RealCloudCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (E2eSettings.fromEnvironment().isPresent()) {
            return ConditionEvaluationResult.enabled("real cloud configured");
        }
        if (E2eSettings.required()) {
            throw new IllegalStateException("the e2e profile needs a real cloud: set E2E_CLOUDS_YAML (and E2E_CLOUD) "
                    + "or -De2e.clouds.yaml=... (see docs/e2e.md)");
        }
        return ConditionEvaluationResult.disabled("no real cloud: E2E_CLOUDS_YAML is not set (see docs/e2e.md)");
    }
}
