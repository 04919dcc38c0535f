package dev.openstack.snapshots.sandbox;

/** A step of the sandbox did not end the way the product promises. */
final class ScenarioFailure extends RuntimeException {

    ScenarioFailure(String message) {
        super(message);
    }
}
