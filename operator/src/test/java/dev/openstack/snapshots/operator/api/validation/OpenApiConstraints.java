package dev.openstack.snapshots.operator.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The OpenAPI v3 part of a structural schema, as the API server applies it: defaults first, then type, enum,
 * length, pattern, bounds, required and size of maps and lists, and fields the schema does not declare (kubectl
 * validates strictly by default, so the API server rejects them).
 *
 * <p>Written here rather than taken from a JSON-schema library: those implement JSON-schema drafts, not the
 * Kubernetes dialect (x-kubernetes-* extensions, defaulting, nullable, structural pruning), would print their own
 * messages instead of the API server's, and the CEL rules need the same schema walk anyway.
 */
final class OpenApiConstraints {

    private OpenApiConstraints() {
    }

    /** Fills in absent properties that have a default, like the API server does before validating. */
    static void applyDefaults(SchemaNode schema, JsonNode value) {
        if (value == null || schema.isDynamic()) {
            return;
        }
        if (value.isObject()) {
            ObjectNode object = (ObjectNode) value;
            for (Map.Entry<String, JSONSchemaProps> property : schema.properties().entrySet()) {
                JsonNode defaultValue = property.getValue().getDefault();
                if (!object.has(property.getKey()) && defaultValue != null) {
                    object.set(property.getKey(), defaultValue.deepCopy());
                }
                applyDefaults(new SchemaNode(property.getValue()), object.get(property.getKey()));
            }
            if (schema.isMap()) {
                object.elements().forEachRemaining(v -> applyDefaults(schema.mapValues(), v));
            }
        } else if (value.isArray() && schema.items() != null) {
            value.elements().forEachRemaining(v -> applyDefaults(schema.items(), v));
        }
    }

    static void check(SchemaNode schema, JsonNode value, String path, List<FieldError> errors) {
        if (value.isNull()) {
            if (!Boolean.TRUE.equals(schema.props().getNullable())) {
                errors.add(FieldError.invalid(path, "\"null\"",
                        path + " in body must be of type " + schema.type() + ": \"null\""));
            }
            return;
        }
        if (schema.isDynamic()) {
            return;
        }
        String actual = jsonType(value);
        if (!schema.type().isEmpty() && !typeMatches(schema.type(), value)) {
            errors.add(FieldError.invalid(path, '"' + actual + '"',
                    path + " in body must be of type " + schema.type() + ": \"" + actual + '"'));
            return;
        }
        checkEnum(schema, value, path, errors);
        switch (schema.type()) {
            case "string" -> checkString(schema.props(), value.asText(), path, errors);
            case "integer", "number" -> checkNumber(schema.props(), value, path, errors);
            case "array" -> checkArray(schema, value, path, errors);
            case "object" -> checkObject(schema, value, path, errors);
            default -> {
            }
        }
    }

    private static void checkEnum(SchemaNode schema, JsonNode value, String path, List<FieldError> errors) {
        List<JsonNode> allowed = schema.props().getEnum();
        if (allowed != null && !allowed.isEmpty() && !allowed.contains(value)) {
            errors.add(new FieldError(path, "Unsupported value: " + value + ": supported values: "
                    + allowed.stream().map(JsonNode::toString).collect(Collectors.joining(", "))));
        }
    }

    private static void checkString(JSONSchemaProps props, String text, String path, List<FieldError> errors) {
        int length = text.codePointCount(0, text.length());
        if (props.getMaxLength() != null && length > props.getMaxLength()) {
            errors.add(new FieldError(path, "Too long: may not be more than " + props.getMaxLength() + " bytes"));
        }
        if (props.getMinLength() != null && length < props.getMinLength()) {
            errors.add(FieldError.invalid(path, quoted(text),
                    path + " in body should be at least " + props.getMinLength() + " chars long"));
        }
        // java.util.regex stands in for Go's RE2: the patterns of this project keep to their common subset.
        if (props.getPattern() != null && !Pattern.compile(props.getPattern()).matcher(text).find()) {
            errors.add(FieldError.invalid(path, quoted(text),
                    path + " in body should match '" + props.getPattern() + "'"));
        }
    }

    private static void checkNumber(JSONSchemaProps props, JsonNode value, String path, List<FieldError> errors) {
        double number = value.asDouble();
        if (props.getMinimum() != null && number < props.getMinimum()) {
            errors.add(FieldError.invalid(path, value.toString(),
                    path + " in body should be greater than or equal to " + plain(props.getMinimum())));
        }
        if (props.getMaximum() != null && number > props.getMaximum()) {
            errors.add(FieldError.invalid(path, value.toString(),
                    path + " in body should be less than or equal to " + plain(props.getMaximum())));
        }
    }

    private static void checkArray(SchemaNode schema, JsonNode value, String path, List<FieldError> errors) {
        JSONSchemaProps props = schema.props();
        if (props.getMaxItems() != null && value.size() > props.getMaxItems()) {
            errors.add(new FieldError(path, "Too many: " + value.size() + ": must have at most "
                    + props.getMaxItems() + " items"));
        }
        if (props.getMinItems() != null && value.size() < props.getMinItems()) {
            // kube-apiserver names the array's length as the invalid value (seen on v1.34.4: "Invalid value: 0")
            errors.add(FieldError.invalid(path, Integer.toString(value.size()),
                    path + " in body should have at least " + props.getMinItems() + " items"));
        }
        if (schema.items() != null) {
            for (int i = 0; i < value.size(); i++) {
                check(schema.items(), value.get(i), path + "[" + i + "]", errors);
            }
        }
    }

    private static void checkObject(SchemaNode schema, JsonNode value, String path, List<FieldError> errors) {
        JSONSchemaProps props = schema.props();
        if (props.getMaxProperties() != null && value.size() > props.getMaxProperties()) {
            errors.add(new FieldError(path, "Too many: " + value.size() + ": must have at most "
                    + props.getMaxProperties() + " items"));
        }
        if (props.getMinProperties() != null && value.size() < props.getMinProperties()) {
            errors.add(FieldError.invalid(path, "\"object\"",
                    path + " in body should have at least " + props.getMinProperties() + " properties"));
        }
        for (String name : schema.required()) {
            if (!value.has(name)) {
                errors.add(new FieldError(child(path, name), "Required value"));
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JSONSchemaProps declared = schema.properties().get(field.getKey());
            if (declared != null) {
                check(new SchemaNode(declared), field.getValue(), child(path, field.getKey()), errors);
            } else if (schema.isMap()) {
                check(schema.mapValues(), field.getValue(), path + "[" + field.getKey() + "]", errors);
            } else {
                errors.add(FieldError.unknown(child(path, field.getKey())));
            }
        }
    }

    static String child(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    static String jsonType(JsonNode value) {
        if (value.isObject()) {
            return "object";
        }
        if (value.isArray()) {
            return "array";
        }
        if (value.isIntegralNumber()) {
            return "integer";
        }
        if (value.isNumber()) {
            return "number";
        }
        if (value.isBoolean()) {
            return "boolean";
        }
        return value.isTextual() ? "string" : "null";
    }

    private static boolean typeMatches(String type, JsonNode value) {
        return switch (type) {
            case "number" -> value.isNumber();
            default -> type.equals(jsonType(value));
        };
    }

    private static String quoted(String text) {
        return '"' + text + '"';
    }

    private static String plain(double number) {
        return number == Math.rint(number) ? Long.toString((long) number) : Double.toString(number);
    }
}
