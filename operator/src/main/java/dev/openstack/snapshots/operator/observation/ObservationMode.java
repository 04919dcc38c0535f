package dev.openstack.snapshots.operator.observation;

import java.util.Locale;

/** How a poller learns Cinder's state of what it watches. */
public enum ObservationMode {

    /** One paged listing of the project per interval, whatever the number of objects: the operator's way. */
    BULK,

    /**
     * One GET per watched snapshot (and volume) per interval, the way cinder-csi and ORC poll: kept as the baseline
     * the benchmark compares with. A second Cinder snapshot carrying an object's owner tags is not found this way.
     */
    PER_OBJECT;

    /** {@code bulk} or {@code per-object}, as the OBSERVATION setting spells them. */
    public static ObservationMode parse(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "bulk" -> BULK;
            case "per-object" -> PER_OBJECT;
            default -> throw new IllegalArgumentException("OBSERVATION: not bulk or per-object: " + value);
        };
    }
}
