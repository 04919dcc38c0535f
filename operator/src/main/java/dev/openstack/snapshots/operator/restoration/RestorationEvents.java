package dev.openstack.snapshots.operator.restoration;

import dev.openstack.snapshots.operator.api.SnapshotRestoration;
import dev.openstack.snapshots.operator.api.SnapshotRestorationStatus;
import dev.openstack.snapshots.operator.api.SnapshotState;
import dev.openstack.snapshots.operator.events.TransitionEvents;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;

/** Which transitions of a restoration are news: Restored, Failed, Deleted. */
final class RestorationEvents {

    private final TransitionEvents events;

    RestorationEvents(KubernetesClient client, Clock clock) {
        this.events = new TransitionEvents(client, clock);
    }

    void onTransition(SnapshotRestoration restoration, SnapshotRestorationStatus before, SnapshotRestorationStatus after) {
        SnapshotState was = before == null ? null : before.getState();
        if (after.getState() == SnapshotState.OK && was != SnapshotState.OK) {
            events.normal(restoration, "Restored", "volume " + after.getVolumeID() + " (" + after.getVolumeName()
                    + ") restored from snapshot " + restoration.getSpec().getSnapshotRef().getName());
        } else if (after.getState() == SnapshotState.Erred && was != SnapshotState.Erred) {
            events.warning(restoration, "Failed", after.getErrorMessage());
        }
    }

    /** A volume with this restoration's uid that is not wholly its own (other owner tags or snapshot). */
    void adoptionRefused(SnapshotRestoration restoration, String message) {
        events.warning(restoration, "AdoptionRefused", message);
    }

    void deleted(SnapshotRestoration restoration, String volumeId) {
        events.normal(restoration, "Deleted", "volume " + volumeId + " deleted from Cinder");
    }
}
