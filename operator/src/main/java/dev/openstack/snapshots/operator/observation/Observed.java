package dev.openstack.snapshots.operator.observation;

import java.util.Optional;

/**
 * What the last listings of a cloud say about one resource: present (with its last value), absent
 * (a complete listing that started after someone asked for it did not contain it), or unknown (no
 * such listing yet).
 */
public record Observed<T>(Presence presence, T value) {

    public enum Presence { PRESENT, ABSENT, UNKNOWN }

    public static <T> Observed<T> present(T value) {
        return new Observed<>(Presence.PRESENT, value);
    }

    public static <T> Observed<T> absent() {
        return new Observed<>(Presence.ABSENT, null);
    }

    public static <T> Observed<T> unknown() {
        return new Observed<>(Presence.UNKNOWN, null);
    }

    public boolean isPresent() {
        return presence == Presence.PRESENT;
    }

    public boolean isAbsent() {
        return presence == Presence.ABSENT;
    }

    public boolean isUnknown() {
        return presence == Presence.UNKNOWN;
    }

    public Optional<T> asOptional() {
        return Optional.ofNullable(value);
    }
}
