package dev.openstack.snapshots.simulator.faults;

/**
 * "The next {@code times} calls of {@code operation} ...": answer {@code status} (with a Cinder-shaped body and
 * optional {@code message}), and/or hang {@code hangMillis} first, and/or let the call succeed but the resource
 * end in an error state ({@code endInError}: create → error, delete → error_deleting).
 */
public record FaultRule(String operation, int times, Integer status, String message, long hangMillis, boolean endInError) {

    public FaultRule {
        if (operation == null || operation.isBlank()) {
            throw new IllegalArgumentException("operation is required");
        }
        if (times < 1) {
            throw new IllegalArgumentException("times must be >= 1");
        }
        if (status == null && hangMillis <= 0 && !endInError) {
            throw new IllegalArgumentException("a rule needs status, hangMillis or endInError");
        }
    }

    public static FaultRule status(String operation, int times, int status) {
        return new FaultRule(operation, times, status, null, 0, false);
    }

    public static FaultRule hang(String operation, int times, long millis) {
        return new FaultRule(operation, times, null, null, millis, false);
    }

    public static FaultRule endInError(String operation, int times) {
        return new FaultRule(operation, times, null, null, 0, true);
    }

    /** Matches the exact name, or a family such as {@code quota.*}. */
    boolean matches(String op) {
        return operation.equals(op) || (operation.endsWith(".*") && op.startsWith(operation.substring(0, operation.length() - 1)));
    }
}
