package dev.openstack.snapshots.operator.cinder;

/** 5xx, 429, timeouts, connection failures: worth retrying with backoff. */
public final class TransientCinderException extends CinderException {

    private final boolean sent;

    public TransientCinderException(String message, int httpStatus, String requestId, Throwable cause) {
        this(message, httpStatus, requestId, cause, true);
    }

    private TransientCinderException(String message, int httpStatus, String requestId, Throwable cause, boolean sent) {
        super(message, httpStatus, requestId, cause);
        this.sent = sent;
    }

    /** A request that never left (its {@link SendDeadline} passed first): Cinder cannot have acted on it. */
    public static TransientCinderException notSent(String message) {
        return new TransientCinderException(message, 0, null, null, false);
    }

    /** False only when the request never left, so that no answer does not mean "it may have happened". */
    public boolean sent() {
        return sent;
    }
}
