package dev.openstack.snapshots.sandbox;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting for the system to reach a state, failing with what was awaited when it does not. */
final class Waits {

    private Waits() {
    }

    static void until(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new ScenarioFailure("timed out after " + timeout.toSeconds() + "s waiting for " + what);
            }
            pause(Duration.ofMillis(50));
        }
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScenarioFailure("interrupted");
        }
    }
}
