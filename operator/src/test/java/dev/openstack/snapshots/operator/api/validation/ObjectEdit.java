package dev.openstack.snapshots.operator.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** One change to an object, addressed by a dotted path: set a value (any JSON-able value), or remove with null. */
public record ObjectEdit(String path, Object value) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static ObjectEdit set(String path, Object value) {
        return new ObjectEdit(path, value);
    }

    public static ObjectEdit remove(String path) {
        return new ObjectEdit(path, null);
    }

    /** A copy of the object with the edits applied in order. */
    public static JsonNode apply(JsonNode object, ObjectEdit... edits) {
        ObjectNode copy = object.deepCopy();
        for (ObjectEdit edit : edits) {
            String[] names = edit.path.split("\\.");
            ObjectNode parent = copy;
            for (int i = 0; i < names.length - 1; i++) {
                parent = parent.has(names[i]) ? (ObjectNode) parent.get(names[i]) : parent.putObject(names[i]);
            }
            String last = names[names.length - 1];
            if (edit.value == null) {
                parent.remove(last);
            } else {
                parent.set(last, JSON.valueToTree(edit.value));
            }
        }
        return copy;
    }

    @Override
    public String toString() {
        return value == null ? "without " + path : path + "=" + abbreviated(String.valueOf(value));
    }

    private static String abbreviated(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...(" + text.length() + " chars)";
    }
}
