package dev.openstack.snapshots.operator.restoration;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openstack.snapshots.operator.api.SnapshotRestoration;
import dev.openstack.snapshots.operator.api.SnapshotRestorationStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a restoration's status when it changed: a JSON patch of the status subresource (no
 * server-side apply), and the one place that emits the transition events (Restored, Failed).
 *
 * <p>The link to Cinder - status.volumeID and status.volumeRequestedAt - changes only through {@link #claim}, which
 * writes on the resourceVersion the decision was taken on and fails with 409 if anyone (another operator process, a
 * restart's stale cache) wrote since. Plain writes keep the live values of both, so a writer acting on an old copy can
 * never unlink a volume or forget a create that may still land.
 */
final class RestorationStatusWriter {

    private static final Logger LOG = LoggerFactory.getLogger(RestorationStatusWriter.class);
    /** Writes every field, null ones too: in a merge patch, null removes what the status no longer has. */
    private static final ObjectMapper WITH_NULLS = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.ALWAYS);

    private final KubernetesClient client;
    private final RestorationEvents events;

    RestorationStatusWriter(KubernetesClient client, RestorationEvents events) {
        this.client = client;
        this.events = events;
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
                keepLink(live.getStatus(), next);
                live.setStatus(next);
                return live;
            });
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return false; // deleted meanwhile
            }
            throw e;
        }
        transition(restoration, before, next);
        restoration.setStatus(next);
        return true;
    }

    /**
     * Writes {@code next} only if the restoration is still at the resourceVersion of {@code restoration}: the
     * compare-and-set that makes "a volume create is requested" and "linked to this volume" true for one writer only.
     * A JSON merge patch of the status subresource carrying metadata.resourceVersion (absent fields written as null,
     * so the status is replaced): both the API server and the mock server check that resourceVersion on a patch, while
     * the mock server ignores it on a PUT of the status.
     *
     * @throws KubernetesClientException 409 when it changed since (JOSDK retries on a fresh copy)
     */
    SnapshotRestoration claim(SnapshotRestoration restoration, SnapshotRestorationStatus next) {
        ObjectNode patch = WITH_NULLS.createObjectNode();
        patch.putObject("metadata").put("resourceVersion", restoration.getMetadata().getResourceVersion());
        patch.set("status", WITH_NULLS.valueToTree(next));
        SnapshotRestoration written = client.resources(SnapshotRestoration.class)
                .inNamespace(restoration.getMetadata().getNamespace()).withName(restoration.getMetadata().getName())
                .subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE), patch.toString());
        transition(restoration, restoration.getStatus(), next);
        return written;
    }

    /** The restoration as the API server has it now (not the informer's copy), or null when it is gone. */
    SnapshotRestoration fresh(SnapshotRestoration restoration) {
        return client.resources(SnapshotRestoration.class).inNamespace(restoration.getMetadata().getNamespace())
                .withName(restoration.getMetadata().getName()).get();
    }

    private void transition(SnapshotRestoration restoration, SnapshotRestorationStatus before, SnapshotRestorationStatus next) {
        var beforeState = before == null ? null : before.getState();
        if (!Objects.equals(beforeState, next.getState())) {
            LOG.info("{}/{}: {} -> {}{}", restoration.getMetadata().getNamespace(), restoration.getMetadata().getName(),
                    beforeState, next.getState(), next.getErrorMessage() == null ? "" : " (" + next.getErrorMessage() + ")");
            events.onTransition(restoration, before, next);
        }
    }

    private static void keepLink(SnapshotRestorationStatus live, SnapshotRestorationStatus next) {
        if (live == null) {
            return;
        }
        next.setVolumeRequestedAt(live.getVolumeRequestedAt());
        if (live.getVolumeID() != null) {
            next.setVolumeID(live.getVolumeID());
        }
        if (next.getCloudCredentialsRef() == null) {
            next.setCloudCredentialsRef(live.getCloudCredentialsRef());
        }
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
