package dev.openstack.snapshots.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;
import java.util.Map;

/**
 * The CRD schema of persistentVolumeClaimSelector: a Kubernetes label selector, described field by field so that
 * {@code kubectl explain} teaches it. Only the schema comes from here; the value is read as fabric8's LabelSelector.
 */
public class PersistentVolumeClaimSelectorSchema {

    @Size(max = 64)
    @JsonPropertyDescription("PVC labels that must all be present with these values. An empty selector selects every "
            + "PVC of the namespace.")
    private Map<String, String> matchLabels;

    @Size(max = 32)
    @JsonPropertyDescription("Further requirements on PVC labels; all must hold.")
    private List<Requirement> matchExpressions;

    public Map<String, String> getMatchLabels() {
        return matchLabels;
    }

    public List<Requirement> getMatchExpressions() {
        return matchExpressions;
    }

    /** One label requirement. */
    public static class Requirement {

        @Required
        @Size(min = 1, max = 317)
        @JsonPropertyDescription("The label key the requirement is about.")
        private String key;

        @Required
        @JsonPropertyDescription("In, NotIn, Exists or DoesNotExist.")
        private Operator operator;

        @JsonPropertyDescription("The values for In and NotIn; must be empty for Exists and DoesNotExist.")
        @Size(max = 64)
        private List<@Size(max = 63) String> values;

        public String getKey() {
            return key;
        }

        public Operator getOperator() {
            return operator;
        }

        public List<String> getValues() {
            return values;
        }
    }

    /** Label selector operators. */
    public enum Operator {
        /** The label's value is one of values. */
        In,
        /** The label is absent or its value is none of values. */
        NotIn,
        /** The label is present. */
        Exists,
        /** The label is absent. */
        DoesNotExist
    }
}
