package dev.openstack.snapshots.operator.schedule;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Kubernetes Events on a schedule's transitions: Created (a slot's snapshots), Pruned, Failed. */
public final class ScheduleEvents {

    private static final String COMPONENT = "openstack-snapshot-operator";
    private static final Logger LOG = LoggerFactory.getLogger(ScheduleEvents.class);

    private final KubernetesClient client;
    private final Clock clock;

    public ScheduleEvents(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    public void normal(HasMetadata object, String reason, String message) {
        emit(object, "Normal", reason, message);
    }

    public void warning(HasMetadata object, String reason, String message) {
        emit(object, "Warning", reason, message);
    }

    private void emit(HasMetadata object, String type, String reason, String message) {
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
