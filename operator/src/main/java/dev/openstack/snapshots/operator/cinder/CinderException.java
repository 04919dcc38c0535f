package dev.openstack.snapshots.operator.cinder;

/**
 * A failed Cinder or Keystone call, already classified. The message is Cinder's own text plus the
 * request id; it never contains a token or a password.
 */
public abstract sealed class CinderException extends RuntimeException
        permits TerminalCinderException, TransientCinderException {

    private final int httpStatus;
    private final String requestId;

    protected CinderException(String message, int httpStatus, String requestId, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.requestId = requestId;
    }

    /** The HTTP status, or 0 when no answer came (timeout, connection refused). */
    public int httpStatus() {
        return httpStatus;
    }

    /** Cinder's {@code X-Openstack-Request-Id}, or null. */
    public String requestId() {
        return requestId;
    }
}
