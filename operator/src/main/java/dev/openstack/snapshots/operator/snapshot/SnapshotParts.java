package dev.openstack.snapshots.operator.snapshot;

import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.events.TransitionEvents;
import dev.openstack.snapshots.operator.observation.CloudConnector;
import dev.openstack.snapshots.operator.observation.ObservationEventSource;
import dev.openstack.snapshots.operator.source.SourceVolumeResolver;
import io.fabric8.kubernetes.client.KubernetesClient;

/** The collaborators of the snapshot controller, wired once by the assembly. */
public record SnapshotParts(
        KubernetesClient kubernetes,
        CloudConnector connector,
        SnapshotSecrets secrets,
        ObservationEventSource<OpenStackSnapshot> observationEvents,
        SnapshotObserver observer,
        SnapshotActuator actuator,
        SourceVolumeResolver sources,
        SnapshotRecorder recorder,
        TransitionEvents events,
        Retention retention,
        TerminalFailures failures) {
}
