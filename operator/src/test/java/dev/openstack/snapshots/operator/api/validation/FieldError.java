package dev.openstack.snapshots.operator.api.validation;

/**
 * One rejection, printed the way the API server prints a field.Error, e.g.
 * {@code spec: Invalid value: "object": exactly one of sourceVolume or backendID must be set}.
 */
public record FieldError(String path, String detail) {

    static FieldError invalid(String path, String shownValue, String message) {
        return new FieldError(path, "Invalid value: " + shownValue + ": " + message);
    }

    /**
     * A field the schema does not declare. kubectl asks for strict field validation by default, and the API server
     * then refuses the whole object with {@code strict decoding error: unknown field "<path>"} (not a field.Error),
     * so this prints the same words.
     */
    static FieldError unknown(String path) {
        return new FieldError(path, null);
    }

    @Override
    public String toString() {
        if (detail == null) {
            return "unknown field \"" + path + "\"";
        }
        return (path.isEmpty() ? "<nil>" : path) + ": " + detail;
    }
}
