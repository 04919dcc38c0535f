package dev.openstack.snapshots.operator.source;

/** spec.sourceVolume does not lead to exactly one Cinder volume; the message says why, naming what it found. */
public class InvalidSourceException extends RuntimeException {

    public InvalidSourceException(String message) {
        super(message);
    }
}
