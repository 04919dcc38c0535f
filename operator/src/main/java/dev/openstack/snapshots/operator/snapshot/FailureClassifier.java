package dev.openstack.snapshots.operator.snapshot;

import dev.openstack.snapshots.operator.cinder.CinderException;
import dev.openstack.snapshots.operator.cinder.TerminalCinderException;
import dev.openstack.snapshots.operator.cloud.CloudConfigurationException;
import dev.openstack.snapshots.operator.source.InvalidSourceException;
import dev.openstack.snapshots.operator.status.Reason;
import java.util.Optional;

/**
 * Which failures are terminal (and with which reason) and which are retried: ARCHITECTURE §2. Quota
 * (413) is the backend's limit, not a mistake in the spec, so it reads BackendError.
 */
public final class FailureClassifier {

    private FailureClassifier() {
    }

    /** The terminal outcome of {@code e}, or empty when it is worth retrying. */
    public static Optional<Outcome> terminal(RuntimeException e) {
        if (e instanceof CloudConfigurationException || e instanceof InvalidSourceException
                || e instanceof InvalidSpecException) {
            return Optional.of(Outcome.erred(Reason.InvalidConfiguration, e.getMessage()));
        }
        if (e instanceof TerminalCinderException t) {
            Reason reason = t.httpStatus() == 413 ? Reason.BackendError : Reason.InvalidConfiguration;
            return Optional.of(Outcome.erred(reason, messageOf(t)));
        }
        return Optional.empty();
    }

    /** Cinder's message with its request id (once). */
    public static String messageOf(RuntimeException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof CinderException c && c.requestId() != null && !message.contains(c.requestId())) {
            message = message + " (request " + c.requestId() + ")";
        }
        return message;
    }
}
