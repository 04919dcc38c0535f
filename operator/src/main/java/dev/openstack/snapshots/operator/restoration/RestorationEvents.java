package dev.openstack.snapshots.operator.restoration;

import dev.openstack.snapshots.operator.api.SnapshotRestoration;
import dev.openstack.snapshots.operator.events.TransitionEvents;

/** The restoration's events that are not status transitions (those are {@link RestorationStatusRules}'). */
final class RestorationEvents {

    private final TransitionEvents events;

    RestorationEvents(TransitionEvents events) {
        this.events = events;
    }

    /** A volume with this restoration's uid that is not wholly its own (other owner tags or snapshot). */
    void adoptionRefused(SnapshotRestoration restoration, String message) {
        events.warning(restoration, "AdoptionRefused", message);
    }

    void deleted(SnapshotRestoration restoration, String volumeId) {
        events.normal(restoration, "Deleted", "volume " + volumeId + " deleted from Cinder");
    }
}
