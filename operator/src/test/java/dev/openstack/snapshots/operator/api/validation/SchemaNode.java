package dev.openstack.snapshots.operator.api.validation;

import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import java.util.List;
import java.util.Map;

/** Read access to one node of a structural schema, with the questions the validators ask of it. */
record SchemaNode(JSONSchemaProps props) {

    String type() {
        return props.getType() == null ? "" : props.getType();
    }

    boolean isDynamic() {
        return Boolean.TRUE.equals(props.getXKubernetesPreserveUnknownFields())
                || Boolean.TRUE.equals(props.getXKubernetesIntOrString());
    }

    /** A map: additionalProperties with a schema (a structural schema never mixes it with properties). */
    boolean isMap() {
        return props.getAdditionalProperties() != null && props.getAdditionalProperties().getSchema() != null;
    }

    SchemaNode mapValues() {
        return new SchemaNode(props.getAdditionalProperties().getSchema());
    }

    Map<String, JSONSchemaProps> properties() {
        return props.getProperties() == null ? Map.of() : props.getProperties();
    }

    SchemaNode items() {
        return props.getItems() == null || props.getItems().getSchema() == null ? null
                : new SchemaNode(props.getItems().getSchema());
    }

    List<ValidationRule> rules() {
        return props.getXKubernetesValidations() == null ? List.of() : props.getXKubernetesValidations();
    }

    List<String> required() {
        return props.getRequired() == null ? List.of() : props.getRequired();
    }
}
