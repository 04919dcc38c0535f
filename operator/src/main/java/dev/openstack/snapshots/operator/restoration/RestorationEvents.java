package dev.openstack.snapshots.operator.restoration;

import dev.openstack.snapshots.operator.api.SnapshotRestoration;
import dev.openstack.snapshots.operator.api.SnapshotRestorationStatus;
import dev.openstack.snapshots.operator.api.SnapshotState;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Kubernetes Events of a restoration, on transitions only: Restored, Failed, Deleted. */
final class RestorationEvents {

    static final String COMPONENT = "openstack-snapshot-operator";
    private static final Logger LOG = LoggerFactory.getLogger(RestorationEvents.class);

    private final KubernetesClient client;
    private final Clock clock;

    RestorationEvents(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    void onTransition(SnapshotRestoration restoration, SnapshotRestorationStatus before, SnapshotRestorationStatus after) {
        SnapshotState was = before == null ? null : before.getState();
        if (after.getState() == SnapshotState.OK && was != SnapshotState.OK) {
            emit(restoration, "Normal", "Restored", "volume " + after.getVolumeID() + " (" + after.getVolumeName()
                    + ") restored from snapshot " + restoration.getSpec().getSnapshotRef().getName());
        } else if (after.getState() == SnapshotState.Erred && was != SnapshotState.Erred) {
            emit(restoration, "Warning", "Failed", after.getErrorMessage());
        }
    }

    void deleted(SnapshotRestoration restoration, String volumeId) {
        emit(restoration, "Normal", "Deleted", "volume " + volumeId + " deleted from Cinder");
    }

    private void emit(SnapshotRestoration object, String type, String reason, String message) {
        String now = clock.instant().toString();
        var meta = object.getMetadata();
        var event = new EventBuilder()
                .withNewMetadata().withNamespace(meta.getNamespace())
                .withName(meta.getName() + "." + UUID.randomUUID().toString().substring(0, 13)).endMetadata()
                .withNewInvolvedObject().withApiVersion(object.getApiVersion()).withKind(object.getKind())
                .withName(meta.getName()).withNamespace(meta.getNamespace()).withUid(meta.getUid()).endInvolvedObject()
                .withType(type).withReason(reason).withMessage(message)
                .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
                .withNewSource().withComponent(COMPONENT).endSource().withReportingComponent(COMPONENT)
                .build();
        try {
            client.v1().events().inNamespace(meta.getNamespace()).resource(event).create();
        } catch (KubernetesClientException e) {
            LOG.warn("{}/{}: could not record event {}: {}", meta.getNamespace(), meta.getName(), reason, e.getMessage());
        }
    }
}
