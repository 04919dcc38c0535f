package dev.openstack.snapshots.simulator.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import dev.openstack.snapshots.simulator.errors.PythonRepr;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The subset of JSON Schema draft 4 that Cinder's request schemas use, evaluated the way python-jsonschema does:
 * keywords in declaration order, the first error wins, with jsonschema's message texts. That makes the 400 bodies
 * identical to real Cinder's, including which problem is reported when a body has several.
 */
public final class Schema {

    private interface Keyword {
        Violation check(JsonNode instance, String field);
    }

    private final List<Keyword> keywords = new ArrayList<>();

    public static Schema create() {
        return new Schema();
    }

    public Optional<Violation> validate(JsonNode instance) {
        return Optional.ofNullable(check(instance, null));
    }

    Violation check(JsonNode instance, String field) {
        for (Keyword keyword : keywords) {
            Violation v = keyword.check(instance, field);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    public Schema type(String... types) {
        List<String> list = Arrays.asList(types);
        keywords.add((instance, field) -> list.stream().anyMatch(t -> isType(instance, t)) ? null
                : new Violation(field, instance, PythonRepr.repr(instance) + " is not of type "
                        + list.stream().map(PythonRepr::quote).collect(Collectors.joining(", "))));
        return this;
    }

    public Schema properties(Map<String, Schema> properties) {
        Map<String, Schema> ordered = new LinkedHashMap<>(properties);
        keywords.add((instance, field) -> {
            if (!instance.isObject()) {
                return null;
            }
            for (Map.Entry<String, Schema> p : ordered.entrySet()) {
                if (instance.has(p.getKey())) {
                    Violation v = p.getValue().check(instance.get(p.getKey()), p.getKey());
                    if (v != null) {
                        return v;
                    }
                }
            }
            return null;
        });
        return this;
    }

    /** Metadata-like objects: every key must match the pattern, values follow {@code values}. */
    public Schema patternProperties(String regex, Schema values) {
        Pattern pattern = Pattern.compile(regex);
        keywords.add((instance, field) -> {
            if (!instance.isObject()) {
                return null;
            }
            Iterator<Map.Entry<String, JsonNode>> it = instance.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (pattern.matcher(e.getKey()).find()) {
                    Violation v = values.check(e.getValue(), e.getKey());
                    if (v != null) {
                        return v;
                    }
                }
            }
            return null;
        });
        keywords.add((instance, field) -> {
            if (!instance.isObject()) {
                return null;
            }
            List<String> extras = new ArrayList<>();
            instance.fieldNames().forEachRemaining(k -> {
                if (!pattern.matcher(k).find()) {
                    extras.add(k);
                }
            });
            if (extras.isEmpty()) {
                return null;
            }
            extras.sort(null);
            return new Violation(field, instance, extras.stream().map(PythonRepr::quote).collect(Collectors.joining(", "))
                    + (extras.size() == 1 ? " does" : " do") + " not match any of the regexes: " + PythonRepr.quote(regex));
        });
        return this;
    }

    public Schema required(String... names) {
        keywords.add((instance, field) -> {
            if (!instance.isObject()) {
                return null;
            }
            for (String name : names) {
                if (!instance.has(name)) {
                    return new Violation(field, instance, PythonRepr.quote(name) + " is a required property");
                }
            }
            return null;
        });
        return this;
    }

    /** {@code additionalProperties: False} next to {@code properties}. */
    public Schema noAdditionalProperties(Iterable<String> allowed) {
        List<String> names = new ArrayList<>();
        allowed.forEach(names::add);
        keywords.add((instance, field) -> {
            if (!instance.isObject()) {
                return null;
            }
            List<String> extras = new ArrayList<>();
            instance.fieldNames().forEachRemaining(k -> {
                if (!names.contains(k)) {
                    extras.add(k);
                }
            });
            if (extras.isEmpty()) {
                return null;
            }
            String joined = extras.stream().map(PythonRepr::quote).collect(Collectors.joining(", "));
            return new Violation(field, instance, "Additional properties are not allowed (" + joined
                    + (extras.size() == 1 ? " was" : " were") + " unexpected)");
        });
        return this;
    }

    public Schema minLength(int min) {
        keywords.add((instance, field) -> instance.isTextual() && instance.textValue().codePointCount(0,
                instance.textValue().length()) < min ? new Violation(field, instance, PythonRepr.repr(instance) + " is too short") : null);
        return this;
    }

    public Schema maxLength(int max) {
        keywords.add((instance, field) -> instance.isTextual() && instance.textValue().codePointCount(0,
                instance.textValue().length()) > max ? new Violation(field, instance, PythonRepr.repr(instance) + " is too long") : null);
        return this;
    }

    public Schema pattern(String regex) {
        Pattern pattern = Pattern.compile(regex);
        keywords.add((instance, field) -> instance.isTextual() && !pattern.matcher(instance.textValue()).find()
                ? new Violation(field, instance, PythonRepr.repr(instance) + " does not match " + PythonRepr.quote(regex)) : null);
        return this;
    }

    /** Python's {@code in} on a list: True == 1 and False == 0, strings compare by value. */
    public Schema enumOf(List<Object> values) {
        keywords.add((instance, field) -> values.stream().anyMatch(v -> pythonEquals(instance, v)) ? null
                : new Violation(field, instance, PythonRepr.repr(instance) + " is not one of " + PythonRepr.reprList(values)));
        return this;
    }

    /** Cinder's own minimum: strings that parse as numbers are compared as numbers, others are skipped. */
    public Schema minimum(long min) {
        keywords.add((instance, field) -> {
            Long n = numberFrom(instance);
            return n != null && n < min ? new Violation(field, IntNode.valueOf(n.intValue()),
                    n + " is less than the minimum of " + min) : null;
        });
        return this;
    }

    public Schema maximum(long max) {
        keywords.add((instance, field) -> {
            Long n = numberFrom(instance);
            return n != null && n > max ? new Violation(field, instance, n + " is greater than the maximum of " + max) : null;
        });
        return this;
    }

    public Schema minProperties(int min) {
        keywords.add((instance, field) -> instance.isObject() && instance.size() < min
                ? new Violation(field, instance, PythonRepr.repr(instance) + " does not have enough properties") : null);
        return this;
    }

    public Schema maxProperties(int max) {
        keywords.add((instance, field) -> instance.isObject() && instance.size() > max
                ? new Violation(field, instance, PythonRepr.repr(instance) + " has too many properties") : null);
        return this;
    }

    public Schema uuidFormat() {
        keywords.add((instance, field) -> instance.isTextual() && !Uuids.isUuidLike(instance.textValue())
                ? new Violation(field, instance, PythonRepr.repr(instance) + " is not a 'uuid'") : null);
        return this;
    }

    public Schema oneOf(Schema... options) {
        keywords.add((instance, field) -> {
            long matching = Arrays.stream(options).filter(s -> s.check(instance, field) == null).count();
            if (matching == 1) {
                return null;
            }
            return new Violation(field, instance, matching == 0
                    ? PythonRepr.repr(instance) + " is not valid under any of the given schemas"
                    : PythonRepr.repr(instance) + " is valid under each of the given schemas");
        });
        return this;
    }

    public Schema anyOf(Schema... options) {
        keywords.add((instance, field) -> Arrays.stream(options).anyMatch(s -> s.check(instance, field) == null) ? null
                : new Violation(field, instance, PythonRepr.repr(instance) + " is not valid under any of the given schemas"));
        return this;
    }

    /** A check Cinder implements as a jsonschema format checker that raises its own exception. */
    public Schema custom(java.util.function.Consumer<JsonNode> check) {
        keywords.add((instance, field) -> {
            check.accept(instance);
            return null;
        });
        return this;
    }

    private static boolean isType(JsonNode n, String type) {
        return switch (type) {
            case "string" -> n.isTextual();
            case "object" -> n.isObject();
            case "null" -> n.isNull();
            case "boolean" -> n.isBoolean();
            case "integer" -> n.isIntegralNumber();
            case "number" -> n.isNumber();
            case "array" -> n.isArray();
            default -> throw new IllegalArgumentException(type);
        };
    }

    private static boolean pythonEquals(JsonNode n, Object v) {
        if (v instanceof String s) {
            return n.isTextual() && n.textValue().equals(s);
        }
        if (v instanceof Boolean b) {
            return (n.isBoolean() && n.booleanValue() == b) || (n.isIntegralNumber() && n.longValue() == (b ? 1 : 0));
        }
        return false;
    }

    private static Long numberFrom(JsonNode n) {
        if (n.isIntegralNumber()) {
            return n.longValue();
        }
        if (n.isTextual()) {
            try {
                return Long.parseLong(n.textValue().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
