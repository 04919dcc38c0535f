package dev.openstack.snapshots.operator.snapshot;

import static dev.openstack.snapshots.operator.api.OpenStackSnapshot.UNLINK_ANNOTATION;

import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.events.TransitionEvents;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The unlink annotation, the one annotation of ours with a vocabulary: {@code "true"} forgets the object on
 * deletion without a Cinder call, {@code "false"} (or no annotation) does not. Any other value ({@code "yes"},
 * {@code "True "}) means "false", which is the safe reading (nothing leaks), and a Warning event
 * {@value #REASON} names the accepted values, once per value, so that whoever wrote it learns it was not
 * understood before deleting. (The pull annotation takes any value; the schedule's annotations on its
 * children are the operator's own.)
 */
final class UnlinkAnnotation {

    static final String REASON = "InvalidAnnotation";

    private final TransitionEvents events;
    /** The unknown value each object was last warned about. */
    private final Map<ResourceID, String> warned = new ConcurrentHashMap<>();

    UnlinkAnnotation(TransitionEvents events) {
        this.events = events;
    }

    /** Whether the object asks to be forgotten on deletion; warns about a value that is neither true nor false. */
    boolean requested(OpenStackSnapshot snapshot) {
        String value = SnapshotFacts.annotation(snapshot, UNLINK_ANNOTATION);
        ResourceID id = ResourceID.fromResource(snapshot);
        if (value == null || value.equals("true") || value.equals("false")) {
            warned.remove(id);
            return "true".equals(value);
        }
        if (!Objects.equals(warned.put(id, value), value)) {
            events.warning(snapshot, REASON, UNLINK_ANNOTATION + ": \"" + value + "\" is not understood and counts as "
                    + "\"false\": deleting this object deletes its Cinder snapshot. Accepted values: \"true\" (on deletion, "
                    + "forget the object and leave the Cinder snapshot) or \"false\".");
        }
        return false;
    }

    void forget(ResourceID id) {
        warned.remove(id);
    }
}
