package dev.openstack.snapshots.operator.schedule;

/** The schedule's spec cannot be used as written; the message says which field and why, for status and events. */
public class InvalidScheduleException extends Exception {

    public InvalidScheduleException(String message) {
        super(message);
    }
}
