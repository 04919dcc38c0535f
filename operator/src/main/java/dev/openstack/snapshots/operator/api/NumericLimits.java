package dev.openstack.snapshots.operator.api;

/**
 * The schema maxima of numeric fields, chosen so that every value the API server accepts fits the field's
 * Java type: a larger one would make the object unreadable to the operator. Literal values, because
 * annotation attributes must be constants.
 */
public final class NumericLimits {

    /** Cinder stores a volume's size in GiB as a 32-bit integer: no volume or snapshot is larger. */
    public static final long MAX_GIB = 2_147_483_647L;
    /** {@link #MAX_GIB} in MiB. */
    public static final long MAX_MIB = 2_199_023_254_528L;
    /** Counts held in an {@code Integer}. */
    public static final long MAX_COUNT = 2_147_483_647L;
    /**
     * Generations ({@code Long}): 2^53 - 1, the largest integer a JSON number keeps exactly. The API server
     * compares with the maximum as a float64; at 2^63 - 1 it would round to 2^63 and let 2^63 through,
     * which no {@code Long} holds. metadata.generation starts at 1 and grows by one per spec change.
     */
    public static final long MAX_GENERATION = 9_007_199_254_740_991L;

    private NumericLimits() {
    }
}
