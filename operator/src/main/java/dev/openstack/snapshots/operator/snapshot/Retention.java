package dev.openstack.snapshots.operator.snapshot;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** keptUntil maths against the injected clock. */
public final class Retention {

    private final Clock clock;

    public Retention(Clock clock) {
        this.clock = clock;
    }

    /** The instant of {@code keptUntil}, or empty when there is none (keep forever). */
    public static Optional<Instant> parse(String keptUntil) {
        if (keptUntil == null || keptUntil.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(keptUntil).toInstant());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("keptUntil is not an RFC 3339 timestamp: " + keptUntil);
        }
    }

    public boolean hasPassed(Instant keptUntil) {
        return !clock.instant().isBefore(keptUntil);
    }

    /** How long until {@code keptUntil} (zero when already passed). */
    public Duration until(Instant keptUntil) {
        Duration d = Duration.between(clock.instant(), keptUntil);
        return d.isNegative() ? Duration.ZERO : d;
    }
}
