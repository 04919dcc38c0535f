package dev.openstack.snapshots.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/**
 * The CRD schema of one status condition (metav1.Condition), with a maximum on observedGeneration that
 * fabric8's Condition class cannot carry. Only the schema comes from here; the value is read as fabric8's
 * Condition.
 */
public class ConditionSchema {

    @JsonPropertyDescription("Ready or Progressing.")
    private String type;

    @JsonPropertyDescription("True, False or Unknown.")
    private String status;

    @Min(0)
    @Max(NumericLimits.MAX_GENERATION)
    @JsonPropertyDescription("The metadata.generation the condition was set for.")
    private Long observedGeneration;

    @JsonPropertyDescription("When the condition last changed status (RFC 3339).")
    private String lastTransitionTime;

    @JsonPropertyDescription("One CamelCase word saying why.")
    private String reason;

    @JsonPropertyDescription("What happened, for people.")
    private String message;

    public String getType() {
        return type;
    }

    public String getStatus() {
        return status;
    }

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public String getLastTransitionTime() {
        return lastTransitionTime;
    }

    public String getReason() {
        return reason;
    }

    public String getMessage() {
        return message;
    }
}
