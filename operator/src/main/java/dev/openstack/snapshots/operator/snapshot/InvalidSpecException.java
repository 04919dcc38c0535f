package dev.openstack.snapshots.operator.snapshot;

/** The spec cannot be acted on as it is (e.g. an unparsable keptUntil); fixed by editing it. */
public class InvalidSpecException extends RuntimeException {

    public InvalidSpecException(String message) {
        super(message);
    }
}
