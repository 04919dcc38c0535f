package dev.openstack.snapshots.operator.api.generation;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.openstack.snapshots.operator.api.NumericLimits;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsOrArray;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The schema of a {@code conditions} list in the shape of Kubernetes' metav1.Condition: a list-map keyed by type (so
 * server-side apply merges conditions one by one), the five fields required, status one of True/False/Unknown, and the
 * type and reason patterns of the upstream type. Tools that read conditions generically (kubectl wait, Argo CD, kstatus)
 * expect exactly this.
 */
final class ConditionSchema {

    static final String TYPE_PATTERN =
            "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$";
    static final String REASON_PATTERN = "^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$";

    private ConditionSchema() {
    }

    static JSONSchemaProps list(String description) {
        JSONSchemaProps condition = new JSONSchemaPropsBuilder()
                .withType("object")
                .withDescription("One aspect of the object's state, as metav1.Condition.")
                .withProperties(new TreeMap<>(Map.of(
                        "type", string("The condition's type, in CamelCase (Ready, Progressing).")
                                .withMaxLength(316L).withPattern(TYPE_PATTERN).build(),
                        "status", string("True, False or Unknown.")
                                .withEnum(List.of(new TextNode("True"), new TextNode("False"), new TextNode("Unknown")))
                                .build(),
                        "observedGeneration", new JSONSchemaPropsBuilder().withType("integer").withFormat("int64")
                                .withMinimum(0.0).withMaximum((double) NumericLimits.MAX_GENERATION)
                                .withDescription("The metadata.generation the condition was set for.").build(),
                        "lastTransitionTime", string("When the status last changed (RFC 3339).")
                                .withFormat("date-time").build(),
                        "reason", string("Why, in one CamelCase word (e.g. Success, TransientError).")
                                .withMinLength(1L).withMaxLength(1024L).withPattern(REASON_PATTERN).build(),
                        "message", string("Details for people; may be empty.").withMaxLength(32768L).build())))
                .withRequired("lastTransitionTime", "message", "reason", "status", "type")
                .build();
        return new JSONSchemaPropsBuilder()
                .withType("array")
                .withDescription(description)
                .withItems(new JSONSchemaPropsOrArray(null, condition))
                .withXKubernetesListType("map")
                .withXKubernetesListMapKeys("type")
                .build();
    }

    private static JSONSchemaPropsBuilder string(String description) {
        return new JSONSchemaPropsBuilder().withType("string").withDescription(description);
    }
}
