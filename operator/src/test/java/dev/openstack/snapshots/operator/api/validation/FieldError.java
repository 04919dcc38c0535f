package dev.openstack.snapshots.operator.api.validation;

/**
 * One rejection, printed the way the API server prints a field.Error, e.g.
 * {@code spec: Invalid value: "object": exactly one of sourceVolume or backendID must be set}.
 */
public record FieldError(String path, String detail) {

    static FieldError invalid(String path, String shownValue, String message) {
        return new FieldError(path, "Invalid value: " + shownValue + ": " + message);
    }

    @Override
    public String toString() {
        return (path.isEmpty() ? "<nil>" : path) + ": " + detail;
    }
}
