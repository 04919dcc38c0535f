package dev.openstack.snapshots.operator.snapshot;

import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.cinder.CinderSnapshot;
import dev.openstack.snapshots.operator.cinder.OwnerTags;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the spec says Cinder should hold. A null field is not managed: Cinder keeps what it has (so an
 * imported snapshot is not renamed or stripped of its metadata by a spec that does not mention them).
 */
public record DesiredSnapshot(String name, String description, Map<String, String> userMetadata) {

    public DesiredSnapshot {
        userMetadata = userMetadata == null ? null : Map.copyOf(userMetadata);
    }

    public static DesiredSnapshot of(OpenStackSnapshot snapshot) {
        var spec = snapshot.getSpec();
        return new DesiredSnapshot(blankToNull(spec.getName()), spec.getDescription(), spec.getMetadata());
    }

    /** The display name to create with: spec.name, defaulting to metadata.name. */
    public static String nameForCreation(OpenStackSnapshot snapshot) {
        String name = blankToNull(snapshot.getSpec().getName());
        return name != null ? name : snapshot.getMetadata().getName();
    }

    /** Cinder's metadata without the operator's tags: what the user sees as the snapshot's metadata. */
    public static Map<String, String> userMetadataOf(CinderSnapshot snapshot) {
        Map<String, String> user = new LinkedHashMap<>();
        snapshot.metadata().forEach((k, v) -> {
            if (!OwnerTags.isOwnerKey(k)) {
                user.put(k, v);
            }
        });
        return user;
    }

    public boolean nameOrDescriptionDiffer(CinderSnapshot actual) {
        return name != null && !name.equals(actual.name())
                || description != null && !description.equals(actual.description() == null ? "" : actual.description());
    }

    public boolean metadataDiffers(CinderSnapshot actual) {
        return userMetadata != null && !userMetadata.equals(userMetadataOf(actual));
    }

    public boolean differsFrom(CinderSnapshot actual) {
        return nameOrDescriptionDiffer(actual) || metadataDiffers(actual);
    }

    /** The full metadata Cinder should hold: the user's, plus the owner tags already on {@code actual}. */
    public Map<String, String> metadataKeepingTagsOf(CinderSnapshot actual) {
        Map<String, String> all = new LinkedHashMap<>(Objects.requireNonNullElse(userMetadata, Map.of()));
        actual.metadata().forEach((k, v) -> {
            if (OwnerTags.isOwnerKey(k)) {
                all.put(k, v);
            }
        });
        return all;
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
