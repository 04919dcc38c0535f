package dev.openstack.snapshots.operator.unreadable;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.Optional;

/**
 * One version of an object the operator cannot read: what it is and why. Carried, while the object
 * travels through the Kubernetes client, by a stand-in of its kind that holds only its metadata (so
 * informers can key it) and this problem in a field no API server ever returns.
 */
public record Unreadable(String kind, String namespace, String name, String uid, String resourceVersion,
        String problem) {

    /** The key in {@code metadata}'s unknown-field map that marks a stand-in; the API server prunes such fields, so no object read from it carries one. */
    static final String MARK = "x-openstack-snapshot-operator-unreadable";

    /** {@code namespace/name}, as every log line of the operator names an object. */
    public String object() {
        return namespace + "/" + name;
    }

    /** The problem of a stand-in made by {@link ResourceReader}; empty for every real object. */
    public static Optional<String> problemOf(Object resource) {
        if (resource instanceof HasMetadata h && h.getMetadata() != null) {
            Object problem = h.getMetadata().getAdditionalProperties().get(MARK);
            return problem instanceof String s ? Optional.of(s) : Optional.empty();
        }
        return Optional.empty();
    }

    static boolean isStandIn(Object resource) {
        return problemOf(resource).isPresent();
    }

    static Unreadable of(HasMetadata standIn) {
        ObjectMeta meta = standIn.getMetadata();
        return new Unreadable(standIn.getKind(), meta.getNamespace(), meta.getName(), meta.getUid(),
                meta.getResourceVersion(), problemOf(standIn).orElse(""));
    }
}
