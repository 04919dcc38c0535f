package dev.openstack.snapshots.operator.restoration;

import dev.openstack.snapshots.operator.api.SnapshotRestoration;
import dev.openstack.snapshots.operator.api.SnapshotRestorationStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a restoration's status when it changed: a JSON patch of the status subresource (no
 * server-side apply), and the one place that emits the transition events (Restored, Failed).
 * status.volumeID and status.createRequestedAt change only through {@link #claim} (compare-and-set on the
 * resourceVersion); plain writes keep their live values, so a writer with an old copy cannot unlink the volume or
 * forget a pending create.
 */
final class RestorationStatusWriter {

    private static final Logger LOG = LoggerFactory.getLogger(RestorationStatusWriter.class);

    private final KubernetesClient client;
    private final RestorationEvents events;

    RestorationStatusWriter(KubernetesClient client, RestorationEvents events) {
        this.client = client;
        this.events = events;
    }

    RestorationEvents events() {
        return events;
    }

    /** Returns true when something was written. */
    boolean write(SnapshotRestoration restoration, SnapshotRestorationStatus next) {
        SnapshotRestorationStatus before = restoration.getStatus();
        if (same(before, next)) {
            return false;
        }
        String ns = restoration.getMetadata().getNamespace();
        String name = restoration.getMetadata().getName();
        try {
            client.resources(SnapshotRestoration.class).inNamespace(ns).withName(name).editStatus(live -> {
                SnapshotRestorationStatus current = live.getStatus();
                if (current != null) {
                    next.setCreateRequestedAt(current.getCreateRequestedAt());
                    if (current.getVolumeID() != null) {
                        next.setVolumeID(current.getVolumeID());
                    }
                }
                live.setStatus(next);
                return live;
            });
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return false; // deleted meanwhile
            }
            throw e;
        }
        var beforeState = before == null ? null : before.getState();
        if (!Objects.equals(beforeState, next.getState())) {
            LOG.info("{}/{}: {} -> {}{}", ns, name, beforeState, next.getState(),
                    next.getErrorMessage() == null ? "" : " (" + next.getErrorMessage() + ")");
            events.onTransition(restoration, before, next);
        }
        restoration.setStatus(next);
        return true;
    }

    /**
     * Writes {@code next} only if the restoration is still at the resourceVersion of {@code restoration}.
     *
     * @return the restoration as written
     * @throws KubernetesClientException 409 when someone wrote it since
     */
    SnapshotRestoration claim(SnapshotRestoration restoration, SnapshotRestorationStatus next) {
        SnapshotRestorationStatus before = restoration.getStatus();
        SnapshotRestoration copy = Serialization.clone(restoration);
        copy.setStatus(next);
        SnapshotRestoration written = client.resource(copy).updateStatus();
        var beforeState = before == null ? null : before.getState();
        if (!Objects.equals(beforeState, next.getState())) {
            LOG.info("{}/{}: {} -> {}", restoration.getMetadata().getNamespace(), restoration.getMetadata().getName(),
                    beforeState, next.getState());
            events.onTransition(restoration, before, next);
        }
        return written;
    }

    /** The restoration as the API server has it now, or null when it is gone. */
    SnapshotRestoration fresh(SnapshotRestoration restoration) {
        return client.resources(SnapshotRestoration.class).inNamespace(restoration.getMetadata().getNamespace())
                .withName(restoration.getMetadata().getName()).get();
    }

    @SuppressWarnings("unchecked")
    private boolean same(SnapshotRestorationStatus a, SnapshotRestorationStatus b) {
        if (a == null || b == null) {
            return a == b;
        }
        var serialization = client.getKubernetesSerialization();
        Map<String, Object> left = serialization.convertValue(a, Map.class);
        Map<String, Object> right = serialization.convertValue(b, Map.class);
        return left.equals(right);
    }
}
