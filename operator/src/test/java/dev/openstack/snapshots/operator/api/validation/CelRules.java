package dev.openstack.snapshots.operator.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The x-kubernetes-validations of a schema, compiled with cel-java and evaluated at their schema nodes with the
 * API server's semantics: a rule runs only where its value is present; a rule that mentions oldSelf is a
 * transition rule and runs only on update, where the old object has a value at the same place; the failure is
 * reported at the node (plus the rule's fieldPath) as {@code Invalid value: "<schema type>": <message>}.
 *
 * <p>self and oldSelf are typed from the schema where CEL has a matching type (scalars, lists, maps) so that
 * type errors show at compile time, and dyn for objects with properties (the API server types those as
 * objects, which behave like dyn maps for field selection and has()). Only CEL's standard library, the standard
 * macros and the strings extension are declared: a rule using one of Kubernetes' own libraries (quantity, url,
 * ...) fails to compile here and needs this class extended first.
 */
final class CelRules {

    private static final Pattern OLD_SELF = Pattern.compile("\\boldSelf\\b");

    private final Map<JSONSchemaProps, List<Compiled>> compiledByNode = new IdentityHashMap<>();
    private final List<String> compileProblems = new ArrayList<>();
    private final List<String> locations = new ArrayList<>();

    CelRules(SchemaNode root) {
        compileAll(root, "");
    }

    List<String> compileProblems() {
        return List.copyOf(compileProblems);
    }

    /** {@code "<path>: <rule>"} for every rule of the schema. */
    List<String> locations() {
        return List.copyOf(locations);
    }

    void evaluate(SchemaNode schema, JsonNode value, JsonNode old, String path, List<FieldError> errors) {
        if (value == null || value.isNull()) {
            return;
        }
        for (Compiled rule : compiledByNode.getOrDefault(schema.props(), List.of())) {
            rule.evaluate(value, old, path, errors);
        }
        if (value.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode oldField = old == null ? null : old.get(field.getKey());
                JSONSchemaProps declared = schema.properties().get(field.getKey());
                if (declared != null) {
                    evaluate(new SchemaNode(declared), field.getValue(), oldField,
                            OpenApiConstraints.child(path, field.getKey()), errors);
                } else if (schema.isMap()) {
                    evaluate(schema.mapValues(), field.getValue(), oldField, path + "[" + field.getKey() + "]", errors);
                }
            }
        } else if (value.isArray() && schema.items() != null) {
            // List items only correlate with old items for listType=map, which no schema here uses: no oldSelf.
            for (int i = 0; i < value.size(); i++) {
                evaluate(schema.items(), value.get(i), null, path + "[" + i + "]", errors);
            }
        }
    }

    private void compileAll(SchemaNode schema, String path) {
        if (!schema.rules().isEmpty()) {
            CelType type = celType(schema);
            Cel cel = CelFactory.standardCelBuilder()
                    .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                    .addCompilerLibraries(CelExtensions.strings())
                    .addRuntimeLibraries(CelExtensions.strings())
                    .addVar("self", type)
                    .addVar("oldSelf", type)
                    .setResultType(SimpleType.BOOL)
                    .build();
            List<Compiled> compiled = new ArrayList<>();
            for (ValidationRule rule : schema.rules()) {
                locations.add((path.isEmpty() ? "<root>" : path) + ": " + rule.getRule());
                if (rule.getMessageExpression() != null) {
                    compileProblems.add(path + ": messageExpression is not supported by this checker: "
                            + rule.getMessageExpression());
                }
                try {
                    CelAbstractSyntaxTree ast = cel.compile(rule.getRule()).getAst();
                    compiled.add(new Compiled(cel, ast, rule, schema.type().isEmpty() ? "object" : schema.type()));
                } catch (CelValidationException e) {
                    compileProblems.add(path + ": " + rule.getRule() + " -> " + e.getMessage());
                }
            }
            compiledByNode.put(schema.props(), compiled);
        }
        schema.properties().forEach((name, child) -> compileAll(new SchemaNode(child), OpenApiConstraints.child(path, name)));
        if (schema.isMap()) {
            compileAll(schema.mapValues(), path + "[*]");
        }
        if (schema.items() != null) {
            compileAll(schema.items(), path + "[*]");
        }
    }

    private static CelType celType(SchemaNode schema) {
        if (schema.isDynamic()) {
            return SimpleType.DYN;
        }
        return switch (schema.type()) {
            case "string" -> SimpleType.STRING;
            case "integer" -> SimpleType.INT;
            case "number" -> SimpleType.DOUBLE;
            case "boolean" -> SimpleType.BOOL;
            case "array" -> ListType.create(schema.items() == null ? SimpleType.DYN : celType(schema.items()));
            case "object" -> schema.isMap() ? MapType.create(SimpleType.STRING, celType(schema.mapValues())) : SimpleType.DYN;
            default -> SimpleType.DYN;
        };
    }

    /** JSON as CEL values: objects as maps, integers as int (long), other numbers as double. */
    static Object celValue(JsonNode value) {
        if (value.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            value.fields().forEachRemaining(f -> {
                if (!f.getValue().isNull()) {
                    map.put(f.getKey(), celValue(f.getValue()));
                }
            });
            return map;
        }
        if (value.isArray()) {
            List<Object> list = new ArrayList<>();
            value.elements().forEachRemaining(e -> list.add(celValue(e)));
            return list;
        }
        if (value.isIntegralNumber()) {
            return value.asLong();
        }
        if (value.isNumber()) {
            return value.asDouble();
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        return value.asText();
    }

    private record Compiled(Cel cel, CelAbstractSyntaxTree ast, ValidationRule rule, String schemaType) {

        void evaluate(JsonNode value, JsonNode old, String path, List<FieldError> errors) {
            boolean transition = OLD_SELF.matcher(rule.getRule()).find();
            if (transition && (old == null || old.isNull())) {
                return;
            }
            Map<String, Object> variables = new LinkedHashMap<>();
            variables.put("self", celValue(value));
            if (transition) {
                variables.put("oldSelf", celValue(old));
            }
            String at = rule.getFieldPath() == null ? path : path + rule.getFieldPath();
            try {
                Object result = cel.createProgram(ast).eval(variables);
                if (!Boolean.TRUE.equals(result)) {
                    String message = rule.getMessage() == null ? "failed rule: " + rule.getRule() : rule.getMessage();
                    errors.add(FieldError.invalid(at, '"' + schemaType + '"', message));
                }
            } catch (CelEvaluationException e) {
                errors.add(FieldError.invalid(at, '"' + schemaType + '"', "evaluation error of " + rule.getRule()
                        + ": " + e.getMessage()));
            }
        }
    }
}
