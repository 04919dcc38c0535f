package dev.openstack.snapshots.operator.observation;

/**
 * How much of what the operator's objects refer to in Cinder it has seen: {@code watched} ids (snapshots or volumes
 * some object manages) and, of those, {@code unobserved} ones no listing or direct read has covered since the operator
 * started. After a restart the second falls to 0 once the first complete listing is in: the objects are re-observed.
 */
public record Coverage(int watched, int unobserved) {

    public static final Coverage NONE = new Coverage(0, 0);

    public Coverage plus(Coverage other) {
        return new Coverage(watched + other.watched, unobserved + other.unobserved);
    }
}
