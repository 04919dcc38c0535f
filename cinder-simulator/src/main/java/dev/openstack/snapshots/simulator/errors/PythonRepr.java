package dev.openstack.snapshots.simulator.errors;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Renders JSON values the way Python prints them, because Cinder's validation messages embed
 * {@code repr()} and {@code str()} of the decoded request body.
 */
public final class PythonRepr {

    private PythonRepr() {
    }

    /** Python's {@code repr(value)}: strings quoted, dicts as {@code {'k': 'v'}}, True/False/None. */
    public static String repr(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "None";
        }
        if (node.isTextual()) {
            return quote(node.textValue());
        }
        if (node.isBoolean()) {
            return node.booleanValue() ? "True" : "False";
        }
        if (node.isNumber()) {
            return node.isIntegralNumber() ? node.bigIntegerValue().toString() : Double.toString(node.doubleValue());
        }
        if (node.isArray()) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                sb.append(repr(node.get(i)));
            }
            return sb.append(']').toString();
        }
        StringBuilder sb = new StringBuilder("{");
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        boolean first = true;
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            if (!first) {
                sb.append(", ");
            }
            first = false;
            sb.append(quote(e.getKey())).append(": ").append(repr(e.getValue()));
        }
        return sb.append('}').toString();
    }

    /** Python's {@code str(value)}: like repr, except that a top-level string is printed bare. */
    public static String str(JsonNode node) {
        return node != null && node.isTextual() ? node.textValue() : repr(node);
    }

    /** repr of a list of Python literals given as Java values (String, Boolean, Integer). */
    public static String reprList(List<?> values) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(reprLiteral(values.get(i)));
        }
        return sb.append(']').toString();
    }

    public static String reprLiteral(Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (value instanceof String s) {
            return quote(s);
        }
        return value.toString();
    }

    /** Python prefers single quotes and switches to double quotes when the text holds a single quote only. */
    public static String quote(String s) {
        char q = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder sb = new StringBuilder().append(q);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c == q) {
                        sb.append('\\');
                    }
                    sb.append(c);
                }
            }
        }
        return sb.append(q).toString();
    }
}
