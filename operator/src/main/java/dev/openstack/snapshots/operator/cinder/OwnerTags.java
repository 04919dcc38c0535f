package dev.openstack.snapshots.operator.cinder;

import java.util.Map;

/**
 * The metadata the operator writes on every Cinder snapshot and volume it creates, so that after a
 * crash it can find (and adopt) what it made instead of making it twice.
 */
public record OwnerTags(String kind, String namespace, String name, String uid) {

    public static final String UID = "k8s-owner-uid";
    public static final String NAMESPACE = "k8s-owner-namespace";
    public static final String NAME = "k8s-owner-name";
    public static final String KIND = "k8s-owner-kind";

    public Map<String, String> asMetadata() {
        return Map.of(UID, uid, NAMESPACE, namespace, NAME, name, KIND, kind);
    }

    /** True when {@code key} is one of ours (kept out of what users see as their metadata). */
    public static boolean isOwnerKey(String key) {
        return UID.equals(key) || NAMESPACE.equals(key) || NAME.equals(key) || KIND.equals(key);
    }
}
