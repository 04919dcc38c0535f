package dev.openstack.snapshots.operator.events;

import dev.openstack.snapshots.operator.names.KubernetesNames;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.micrometer.core.instrument.Metrics;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes Events on an object's transitions, for every kind (snapshots: Created, Ready, Updated,
 * Expired, Deleted, Failed; restorations: Restored, Failed, Deleted; schedules: Created, Pruned, Failed), each also
 * counted in {@value #TRANSITIONS} by kind, type and reason (a few dozen series at most: no namespace, no name).
 */
public final class TransitionEvents {

    public static final String COMPONENT = "openstack-snapshot-operator";
    public static final String TRANSITIONS = "openstack_snapshot_operator_transitions";
    private static final Logger LOG = LoggerFactory.getLogger(TransitionEvents.class);
    /**
     * Last nanosecond stamp used in an event name, shared by every instance: names sort in the order the
     * events were emitted, even with equal timestamps (a coarse or fixed clock, two quick reconciles).
     */
    private static final AtomicLong LAST_STAMP = new AtomicLong();

    private final KubernetesClient client;
    private final Clock clock;

    public TransitionEvents(KubernetesClient client, Clock clock) {
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
        // Micrometer's global registry: transition events are made in several places, and the process has one
        // Prometheus registry, which MonitoredOperator adds to it (without one, the count goes nowhere).
        Metrics.counter(TRANSITIONS, "kind", String.valueOf(object.getKind()), "type", type, "reason", reason).increment();
        var instant = clock.instant();
        String now = instant.toString();
        long nanos = instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
        long stamp = LAST_STAMP.accumulateAndGet(nanos, (last, wanted) -> Math.max(last + 1, wanted));
        var meta = object.getMetadata();
        var event = new EventBuilder()
                .withNewMetadata().withNamespace(meta.getNamespace())
                .withName(nameOf(meta.getName(), stamp)).endMetadata()
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

    /**
     * {@code <object>.<stamp as 16 hex digits>}, like Kubernetes' own event names, fixed width so names sort by stamp;
     * the object's name is shortened (with a hash) when the two would pass the 253 characters of a name.
     */
    static String nameOf(String objectName, long stamp) {
        return KubernetesNames.name(objectName, "." + String.format("%016x", stamp), objectName);
    }
}
