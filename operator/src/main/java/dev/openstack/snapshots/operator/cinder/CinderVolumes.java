package dev.openstack.snapshots.operator.cinder;

import java.util.List;
import java.util.Optional;

/** Cinder volumes of one project. Failures are {@link CinderException}s. */
public interface CinderVolumes {

    /** The volume, or empty when Cinder answers 404. */
    Optional<CinderVolume> get(String id);

    /** Every volume with exactly this display name. */
    List<CinderVolume> findByName(String name);

    /** Every volume whose metadata has {@code key=value}. */
    List<CinderVolume> findByMetadata(String key, String value);

    /** Starts creating a volume from a snapshot; Cinder answers at once with status {@code creating}. */
    default CinderVolume createFromSnapshot(NewVolume volume) {
        return createFromSnapshot(volume, SendDeadline.NONE);
    }

    /** The same, not sent at all once {@code sendBy} has passed (see {@link SendDeadline}). */
    CinderVolume createFromSnapshot(NewVolume volume, SendDeadline sendBy);

    /** Starts deleting; a volume Cinder no longer has counts as deleted. */
    DeleteOutcome delete(String id);

    /** One page of the project's volumes (with details); {@code marker} null for the first. */
    Page<CinderVolume> list(String marker, int limit);
}
