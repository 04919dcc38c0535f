package dev.openstack.snapshots.operator.snapshot;

import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.cinder.CinderSnapshot;
import dev.openstack.snapshots.operator.cinder.TerminalCinderException;
import dev.openstack.snapshots.operator.events.TransitionEvents;
import java.util.Optional;

/** The update step: pushes the spec to an existing Cinder snapshot and records what Cinder answered. */
final class SnapshotUpdate {

    private final SnapshotObserver observer;
    private final TransitionEvents events;

    SnapshotUpdate(SnapshotObserver observer, TransitionEvents events) {
        this.observer = observer;
        this.events = events;
    }

    /**
     * Pushes the spec; empty when Cinder answers 404 because the snapshot was deleted behind our back
     * since the last listing (that is NotFound, not a bad spec).
     */
    Optional<CinderSnapshot> pushUnlessVanished(SnapshotActuator actuator, OpenStackSnapshot snapshot,
            CinderSnapshot actual) {
        CinderSnapshot pushed;
        try {
            pushed = actuator.update(snapshot, actual);
        } catch (TerminalCinderException e) {
            if (e.httpStatus() != 404) {
                throw e;
            }
            observer.recordGone(snapshot, actual.id());
            return Optional.empty();
        }
        observer.record(snapshot, pushed);
        events.normal(snapshot, "Updated", "Pushed name, description and metadata to Cinder");
        return Optional.of(pushed);
    }
}
