package dev.openstack.snapshots.operator.cinder;

/**
 * A 4xx other than 429 (and Keystone's 401): retrying the same request cannot succeed; the user must
 * change the spec, the Secret or the cloud.
 */
public final class TerminalCinderException extends CinderException {

    public TerminalCinderException(String message, int httpStatus, String requestId, Throwable cause) {
        super(message, httpStatus, requestId, cause);
    }
}
