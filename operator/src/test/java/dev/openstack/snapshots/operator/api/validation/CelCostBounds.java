package dev.openstack.snapshots.operator.api.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the API server's CEL cost estimator needs bounded before it accepts a CRD. It estimates a rule's cost
 * from the largest value the schema allows: a list, map or string without maxItems, maxProperties or maxLength
 * counts as big as a 3 MiB request can make it, and a rule under such a list or map counts once per possible
 * element. So: every list and map a rule can see (its own node and everything below) and every list and map
 * above a rule is bounded; every string a rule can see has maxLength or an enum. Strings that are map values
 * are exempt: the project's map rules only take their size(), which costs the same at any length.
 *
 * <p>A structural stand-in for the real estimator (Go, in the API server), stricter in places: it does not
 * compute costs, it asks for the bounds that make them small.
 */
final class CelCostBounds {

    private CelCostBounds() {
    }

    /** Paths of schema nodes that lack a bound, each with what is missing. */
    static List<String> unbounded(SchemaNode root) {
        Set<String> problems = new TreeSet<>();
        walk(root, "", false, false, new ArrayList<>(), problems);
        return List.copyOf(problems);
    }

    private static void walk(SchemaNode schema, String path, boolean seenByRule, boolean mapValue,
                             List<String> unboundedAbove, Set<String> problems) {
        boolean ruleHere = !schema.rules().isEmpty();
        boolean visible = seenByRule || ruleHere;
        String missing = missingBound(schema, mapValue);
        if (ruleHere) {
            unboundedAbove.forEach(p -> problems.add(p + " (a rule below it runs once per element)"));
        }
        if (visible && missing != null) {
            problems.add(where(path) + ": " + missing);
        }
        List<String> above = unboundedAbove;
        if (missing != null && (schema.isMap() || "array".equals(schema.type()))) {
            above = new ArrayList<>(unboundedAbove);
            above.add(where(path) + ": " + missing);
        }
        for (var property : schema.properties().entrySet()) {
            walk(new SchemaNode(property.getValue()), OpenApiConstraints.child(path, property.getKey()), visible, false,
                    above, problems);
        }
        if (schema.isMap()) {
            walk(schema.mapValues(), path + "[*]", visible, true, above, problems);
        }
        if (schema.items() != null) {
            walk(schema.items(), path + "[*]", visible, false, above, problems);
        }
    }

    private static String missingBound(SchemaNode schema, boolean mapValue) {
        if (schema.isMap() && schema.props().getMaxProperties() == null) {
            return "no maxProperties";
        }
        if ("array".equals(schema.type()) && schema.props().getMaxItems() == null) {
            return "no maxItems";
        }
        if ("string".equals(schema.type()) && !mapValue && schema.props().getMaxLength() == null
                && (schema.props().getEnum() == null || schema.props().getEnum().isEmpty())) {
            return "no maxLength";
        }
        return null;
    }

    private static String where(String path) {
        return path.isEmpty() ? "<root>" : path;
    }
}
