package dev.openstack.snapshots.operator.flow;

import dev.openstack.snapshots.operator.cinder.SendDeadline;
import dev.openstack.snapshots.operator.adoption.OwnerMatch;
import dev.openstack.snapshots.operator.cinder.DeleteOutcome;

/**
 * The one place per Cinder-backed kind that calls Cinder on an object's behalf, in the style of k-orc's actuators:
 * find what carries the object's owner tags, create, update, delete, and say whether a resource is still moving.
 * Bound to one connection ({@code BlockStorage}) for one pass.
 *
 * @param <R> the Kubernetes kind
 * @param <B> the Cinder resource it is backed by
 */
public interface Actuator<R, B> {

    /** What Cinder calls the resource, for messages: "Cinder snapshot", "Cinder volume". */
    String noun();

    String idOf(B backend);

    /** The resources carrying the object's uid tag, looked up now: wholly its own (oldest first) and refused ones. */
    OwnerMatch.Sorted<B> findOwned(R object);

    /** Creates the resource with the object's owner tags; not sent at all once {@code sendBy} has passed. */
    B create(R object, SendDeadline sendBy);

    /** Brings {@code actual} in line with the spec; returns it as Cinder now has it. Kinds without updates keep it. */
    default B update(R object, B actual) {
        return actual;
    }

    DeleteOutcome delete(R object, String id);

    /** Still moving on Cinder's side (creating, deleting): a delete call would be refused. */
    boolean isTransitional(B backend);
}
