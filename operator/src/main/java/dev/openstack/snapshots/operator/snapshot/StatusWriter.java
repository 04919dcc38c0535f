package dev.openstack.snapshots.operator.snapshot;

import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Patches status only when it changed (lastSyncTime aside), with a JSON patch of the status
 * subresource, no server-side apply. status.restorations belongs to the restoration reconciler and is
 * taken from the live object, never overwritten.
 */
public final class StatusWriter {

    private static final Logger LOG = LoggerFactory.getLogger(StatusWriter.class);

    private final KubernetesClient client;
    private final Clock clock;

    public StatusWriter(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    /** Writes {@code next} if it differs from the object's status; returns the object as it now is. */
    public OpenStackSnapshot write(OpenStackSnapshot snapshot, OpenStackSnapshotStatus next) {
        OpenStackSnapshotStatus before = SnapshotStatusBuilder.copyOf(snapshot);
        if (sameIgnoringSyncTime(before, next)) {
            return snapshot;
        }
        next.setLastSyncTime(clock.instant().toString());
        if (!Objects.equals(before.getState(), next.getState())) {
            LOG.info("{}/{}: {} -> {}{}", snapshot.getMetadata().getNamespace(), snapshot.getMetadata().getName(),
                    before.getState(), next.getState(),
                    next.getErrorMessage() == null || next.getErrorMessage().isEmpty() ? "" : " (" + next.getErrorMessage() + ")");
        }
        try {
            OpenStackSnapshot written = client.resources(OpenStackSnapshot.class)
                    .inNamespace(snapshot.getMetadata().getNamespace()).withName(snapshot.getMetadata().getName())
                    .editStatus(live -> {
                        if (live.getStatus() != null) {
                            next.setRestorations(live.getStatus().getRestorations());
                        }
                        live.setStatus(next);
                        return live;
                    });
            return written == null ? snapshot : written;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return snapshot; // gone meanwhile: nothing to record
            }
            throw e;
        }
    }

    private boolean sameIgnoringSyncTime(OpenStackSnapshotStatus a, OpenStackSnapshotStatus b) {
        var serialization = client.getKubernetesSerialization();
        var left = serialization.convertValue(a, java.util.Map.class);
        var right = serialization.convertValue(b, java.util.Map.class);
        left.remove("lastSyncTime");
        right.remove("lastSyncTime");
        left.remove("restorations");
        right.remove("restorations");
        return left.equals(right);
    }
}
