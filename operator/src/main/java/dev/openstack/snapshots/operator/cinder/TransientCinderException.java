package dev.openstack.snapshots.operator.cinder;

/** 5xx, 429, timeouts, connection failures: worth retrying with backoff. */
public final class TransientCinderException extends CinderException {

    public TransientCinderException(String message, int httpStatus, String requestId, Throwable cause) {
        super(message, httpStatus, requestId, cause);
    }
}
