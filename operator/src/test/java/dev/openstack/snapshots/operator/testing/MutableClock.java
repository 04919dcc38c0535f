package dev.openstack.snapshots.operator.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock tests move by hand; it follows real time from an offset, so timers and clock agree.
 *
 * <p>It can also be held: it then reads one instant until {@link #resume()}. The operator's timers wait in real time
 * for a delay computed from this clock, so a clock held just before a deadline (a keptUntil, a schedule's slot) makes
 * every timer re-arm for that short remainder and re-check, and nothing due at the deadline can happen early however
 * slow the machine; after {@code resume()} the deadline passes within the remainder. A test can thus reach a deadline in
 * a fraction of a second instead of waiting a margin of seconds in real time, and still see the operator's own timer
 * (not a restart or an edit) act on it.
 */
public final class MutableClock extends Clock {

    /** Either following real time from an offset ({@code held} null) or standing at {@code held}. */
    private record State(Duration offset, Instant held) {
    }

    private final AtomicReference<State> state = new AtomicReference<>(new State(Duration.ZERO, null));

    /** Moves the clock forward; a held clock stays held, at the later instant. */
    public void advance(Duration by) {
        state.updateAndGet(s -> s.held() == null ? new State(s.offset().plus(by), null) : new State(s.offset(), s.held().plus(by)));
    }

    /** Stands the clock at its present reading, which it returns. */
    public Instant hold() {
        return state.updateAndGet(s -> new State(s.offset(), read(s))).held();
    }

    /** Stands the clock at {@code at}, which must not be before the clock's current reading (time never goes back). */
    public void holdAt(Instant at) {
        state.updateAndGet(s -> {
            Instant now = read(s);
            if (at.isBefore(now)) {
                throw new IllegalStateException("the clock is already past " + at + " (" + now + ")");
            }
            return new State(s.offset(), at);
        });
    }

    /** Lets a held clock follow real time again, from the instant it was held at. */
    public void resume() {
        state.updateAndGet(s -> s.held() == null ? s : new State(Duration.between(Instant.now(), s.held()), null));
    }

    @Override
    public Instant instant() {
        return read(state.get());
    }

    private static Instant read(State s) {
        return s.held() != null ? s.held() : Instant.now().plus(s.offset());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
