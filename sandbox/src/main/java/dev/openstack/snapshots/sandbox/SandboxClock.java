package dev.openstack.snapshots.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The system clock plus an offset that only grows: the sandbox jumps forward to just before the next minute so a
 * schedule's "every minute" fires now instead of up to a minute later. Everything that reads time (operator,
 * simulator) shares this clock, so they stay consistent with each other.
 */
final class SandboxClock extends Clock {

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the sandbox clock is UTC");
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }

    /** Moves time forward so that the next minute starts in {@code lead}; returns how far it jumped. */
    Duration jumpToNextMinuteMinus(Duration lead) {
        Instant now = instant();
        Instant nextMinute = now.truncatedTo(java.time.temporal.ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
        Duration jump = Duration.between(now, nextMinute.minus(lead));
        if (jump.isNegative()) {
            return Duration.ZERO;
        }
        offset.accumulateAndGet(jump, Duration::plus);
        return jump;
    }
}
