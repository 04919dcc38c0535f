package dev.openstack.snapshots.operator.cinder;

import java.time.Duration;

/**
 * The latest moment a create may still leave for Cinder. A create is persisted as "requested at T" before it is sent,
 * and after a crash nothing is created again until whatever it may have made had time to appear; that wait is only
 * sound if the request left soon after T. Waiting for a free call slot or a Keystone token can take longer under
 * load, so a create that could not leave in time is not sent at all ({@link TransientCinderException#sent()} false).
 * On System.nanoTime, so that a test clock does not move it.
 */
public record SendDeadline(long nanoTime) {

    /** No deadline: calls that no create mark stands for. */
    public static final SendDeadline NONE = new SendDeadline(Long.MAX_VALUE);

    public static SendDeadline within(Duration budget) {
        return new SendDeadline(System.nanoTime() + budget.toNanos());
    }

    public boolean passed() {
        return this != NONE && System.nanoTime() - nanoTime > 0;
    }

    /** Time left, or null without a deadline. */
    public Duration left() {
        return this == NONE ? null : Duration.ofNanos(Math.max(0, nanoTime - System.nanoTime()));
    }
}
