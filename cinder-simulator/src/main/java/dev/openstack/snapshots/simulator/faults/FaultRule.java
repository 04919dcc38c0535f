package dev.openstack.snapshots.simulator.faults;

/**
 * "The next {@code times} calls of {@code operation} ...": answer {@code status} (with a Cinder-shaped body and
 * optional {@code message}), and/or hang {@code hangMillis} first (before the operation takes effect), and/or let the
 * call succeed but the resource end in an error state ({@code endInError}: create → error, delete → error_deleting),
 * and/or hold the answer {@code answerDelayMillis} after the operation took effect (Cinder made the snapshot at once,
 * its answer is slow: a client that times out meanwhile never learns the id). The answer delay applies to Cinder calls.
 */
public record FaultRule(String operation, int times, Integer status, String message, long hangMillis, boolean endInError,
        long answerDelayMillis) {

    public FaultRule {
        if (operation == null || operation.isBlank()) {
            throw new IllegalArgumentException("operation is required");
        }
        if (times < 1) {
            throw new IllegalArgumentException("times must be >= 1");
        }
        if (status == null && hangMillis <= 0 && !endInError && answerDelayMillis <= 0) {
            throw new IllegalArgumentException("a rule needs status, hangMillis, endInError or answerDelayMillis");
        }
    }

    public FaultRule(String operation, int times, Integer status, String message, long hangMillis, boolean endInError) {
        this(operation, times, status, message, hangMillis, endInError, 0);
    }

    public static FaultRule status(String operation, int times, int status) {
        return new FaultRule(operation, times, status, null, 0, false);
    }

    public static FaultRule hang(String operation, int times, long millis) {
        return new FaultRule(operation, times, null, null, millis, false);
    }

    /** Hang {@code before} ms, then do the operation, then hold the answer {@code after} ms more. */
    public static FaultRule latency(String operation, int times, long before, long after) {
        return new FaultRule(operation, times, null, null, before, false, after);
    }

    public static FaultRule endInError(String operation, int times) {
        return new FaultRule(operation, times, null, null, 0, true);
    }

    /** Matches the exact name, or a family such as {@code quota.*}. */
    boolean matches(String op) {
        return operation.equals(op) || (operation.endsWith(".*") && op.startsWith(operation.substring(0, operation.length() - 1)));
    }
}
