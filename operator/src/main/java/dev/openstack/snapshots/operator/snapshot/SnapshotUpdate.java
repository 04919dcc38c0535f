package dev.openstack.snapshots.operator.snapshot;

import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.cinder.BlockStorage;
import dev.openstack.snapshots.operator.cinder.CinderSnapshot;
import dev.openstack.snapshots.operator.cinder.TerminalCinderException;
import java.util.Optional;

/** The update step: pushes the spec to an existing Cinder snapshot and records what Cinder answered. */
final class SnapshotUpdate {

    private final SnapshotParts parts;

    SnapshotUpdate(SnapshotParts parts) {
        this.parts = parts;
    }

    /**
     * Pushes the spec; empty when Cinder answers 404 because the snapshot was deleted behind our back
     * since the last listing (that is NotFound, not a bad spec).
     */
    Optional<CinderSnapshot> pushUnlessVanished(BlockStorage storage, OpenStackSnapshot snapshot,
            DesiredSnapshot desired, CinderSnapshot actual) {
        CinderSnapshot pushed;
        try {
            pushed = parts.actuator().push(storage, snapshot, desired, actual);
        } catch (TerminalCinderException e) {
            if (e.httpStatus() != 404) {
                throw e;
            }
            parts.observer().recordGone(snapshot, actual.id());
            return Optional.empty();
        }
        parts.observer().record(snapshot, pushed);
        parts.events().normal(snapshot, "Updated", "Pushed name, description and metadata to Cinder");
        return Optional.of(pushed);
    }
}
