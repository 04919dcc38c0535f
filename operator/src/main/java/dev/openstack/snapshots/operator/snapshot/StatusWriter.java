package dev.openstack.snapshots.operator.snapshot;

import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Clock;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Patches status only when it changed (lastSyncTime aside), with a JSON patch of the status
 * subresource, no server-side apply. status.restorations belongs to the restoration reconciler and is
 * taken from the live object, never overwritten.
 *
 * <p>The link to Cinder - status.backendID of an object that creates its snapshot, and status.createRequestedAt -
 * is changed only by {@link #claim}, which writes on the resourceVersion the decision was taken on and fails with 409
 * if anyone (another operator process, a restart's stale cache) wrote since. Plain writes keep the live values of
 * both, so a writer acting on an old copy of the object can never unlink it or forget a pending create.
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
                        keepLink(live, next);
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

    /**
     * Writes {@code next} only if the object is still at the resourceVersion of {@code snapshot}: the compare-and-set
     * that makes "a create is requested" and "linked to this Cinder snapshot" true for exactly one writer.
     *
     * @throws KubernetesClientException 409 when the object changed since (the caller retries on a fresh copy)
     */
    public OpenStackSnapshot claim(OpenStackSnapshot snapshot, OpenStackSnapshotStatus next) {
        next.setLastSyncTime(clock.instant().toString());
        OpenStackSnapshotStatus before = SnapshotStatusBuilder.copyOf(snapshot);
        next.setRestorations(before.getRestorations());
        OpenStackSnapshot copy = Serialization.clone(snapshot);
        copy.setStatus(next);
        OpenStackSnapshot written = client.resource(copy).updateStatus();
        if (!Objects.equals(before.getState(), next.getState())) {
            LOG.info("{}/{}: {} -> {}", snapshot.getMetadata().getNamespace(), snapshot.getMetadata().getName(),
                    before.getState(), next.getState());
        }
        return written;
    }

    /** The object as the API server has it now (not the informer's copy), or null when it is gone. */
    public OpenStackSnapshot fresh(OpenStackSnapshot snapshot) {
        return client.resources(OpenStackSnapshot.class).inNamespace(snapshot.getMetadata().getNamespace())
                .withName(snapshot.getMetadata().getName()).get();
    }

    private static void keepLink(OpenStackSnapshot live, OpenStackSnapshotStatus next) {
        OpenStackSnapshotStatus current = live.getStatus() == null ? new OpenStackSnapshotStatus() : live.getStatus();
        next.setCreateRequestedAt(current.getCreateRequestedAt());
        if (live.getSpec() == null || live.getSpec().getBackendID() == null) {
            next.setBackendID(current.getBackendID());
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
