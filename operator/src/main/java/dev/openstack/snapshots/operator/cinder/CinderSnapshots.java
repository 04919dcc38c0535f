package dev.openstack.snapshots.operator.cinder;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Cinder volume snapshots of one project. Failures are {@link CinderException}s. */
public interface CinderSnapshots {

    /** The snapshot, or empty when Cinder answers 404. */
    Optional<CinderSnapshot> get(String id);

    /** Every snapshot whose metadata has {@code key=value} (used to find the ones an object owns). */
    List<CinderSnapshot> findByMetadata(String key, String value);

    /** Starts creating a snapshot; Cinder answers at once with status {@code creating}. */
    default CinderSnapshot create(NewSnapshot snapshot) {
        return create(snapshot, SendDeadline.NONE);
    }

    /** The same, not sent at all once {@code sendBy} has passed (see {@link SendDeadline}). */
    CinderSnapshot create(NewSnapshot snapshot, SendDeadline sendBy);

    /** Sets the display name and description. */
    CinderSnapshot update(String id, String name, String description);

    /** Replaces all metadata of the snapshot with {@code metadata}; returns what Cinder now holds. */
    Map<String, String> replaceMetadata(String id, Map<String, String> metadata);

    /** Starts deleting; a snapshot Cinder no longer has counts as deleted. */
    DeleteOutcome delete(String id);

    /** One page of the project's snapshots (with details), oldest marker first; {@code marker} null for the first. */
    Page<CinderSnapshot> list(String marker, int limit);
}
