package dev.openstack.snapshots.operator.restoration;

import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotStatus;
import dev.openstack.snapshots.operator.api.RestorationSummary;
import dev.openstack.snapshots.operator.api.SnapshotRestoration;
import dev.openstack.snapshots.operator.api.SnapshotRestorationStatus;
import dev.openstack.snapshots.operator.api.SnapshotState;
import dev.openstack.snapshots.operator.status.Reason;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the OpenStackSnapshot reconciler needs to know about the restorations of a snapshot: the
 * {@code status.restorations} list and whether one of them is still creating its volume. Only the
 * snapshot reconciler writes snapshot status; it reads the restorations from the informer this class
 * registers (secondary resources mapped by spec.snapshotRef.name), so every restoration status change
 * reconciles its snapshot.
 */
public final class RestorationSummaries {

    public static final String EVENT_SOURCE_NAME = "restorations-of-snapshot";

    /** The informer on SnapshotRestorations that triggers (and feeds) the snapshot reconciler. */
    public static InformerEventSource<SnapshotRestoration, OpenStackSnapshot> eventSource(
            EventSourceContext<OpenStackSnapshot> context) {
        return new InformerEventSource<>(InformerEventSourceConfiguration
                .from(SnapshotRestoration.class, OpenStackSnapshot.class)
                .withName(EVENT_SOURCE_NAME)
                .withSecondaryToPrimaryMapper(RestorationSummaries::snapshotOf)
                .build(), context);
    }

    /** The restorations of the snapshot being reconciled. */
    public static Set<SnapshotRestoration> restorationsOf(Context<OpenStackSnapshot> context) {
        return context.getSecondaryResources(SnapshotRestoration.class);
    }

    /**
     * Writes {@code status.restorations} of the snapshot when it differs from what the restorations say.
     * Called by the snapshot reconciler (one reconciliation per object at a time), so it never races the
     * snapshot's other status writes, which keep the live {@code restorations} untouched.
     */
    public static void publish(KubernetesClient client, OpenStackSnapshot snapshot, Collection<SnapshotRestoration> restorations) {
        List<RestorationSummary> summaries = summarize(restorations);
        List<RestorationSummary> current = snapshot.getStatus() == null ? List.of() : snapshot.getStatus().getRestorations();
        if (summaries.equals(current == null ? List.of() : current)) {
            return;
        }
        try {
            var resource = client.resources(OpenStackSnapshot.class).inNamespace(snapshot.getMetadata().getNamespace())
                    .withName(snapshot.getMetadata().getName());
            if (snapshot.getStatus() == null) {
                resource.editStatus(live -> {
                    if (live.getStatus() == null) {
                        live.setStatus(new OpenStackSnapshotStatus());
                    }
                    live.getStatus().setRestorations(new ArrayList<>(summaries));
                    return live;
                });
            } else {
                // The list replaced as a whole: a JSON patch computed from a copy fetched a moment earlier removes
                // entries by index, and fails when the list changed in between (restorations going one by one while
                // a namespace is deleted; on the mock server each such failure hung the call for 10 s).
                resource.subresource("status").patch(PatchContext.of(PatchType.JSON), "[{\"op\":\"add\","
                        + "\"path\":\"/status/restorations\",\"value\":"
                        + client.getKubernetesSerialization().asJson(new ArrayList<>(summaries)) + "}]");
            }
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
        }
    }

    /** {@code status.restorations}: one entry per restoration, sorted by name. */
    public static List<RestorationSummary> summarize(Collection<SnapshotRestoration> restorations) {
        return restorations.stream()
                .sorted(Comparator.comparing(r -> r.getMetadata().getName()))
                .map(RestorationSummaries::summary)
                .toList();
    }

    /**
     * A restoration that is about to call Cinder or whose volume is still {@code creating}; deleting the
     * snapshot under it would fail the restore. Restorations still waiting for the snapshot do not
     * count: they never start once the snapshot is being deleted.
     */
    public static Optional<String> inProgress(Collection<SnapshotRestoration> restorations) {
        return restorations.stream()
                .filter(RestorationSummaries::isCreatingVolume)
                .map(r -> r.getMetadata().getName())
                .sorted()
                .reduce((a, b) -> a + ", " + b)
                .map(names -> "waiting for restoration(s) " + names + " to finish creating their volume");
    }

    static boolean isCreatingVolume(SnapshotRestoration restoration) {
        SnapshotRestorationStatus status = restoration.getStatus();
        if (status == null || status.getState() == null) {
            return false;
        }
        if (status.getState() == SnapshotState.Creating) {
            // Into a claim, Creating also covers waiting for the PV controller: the volume is made by then, so the
            // snapshot is no longer needed (a claim that never binds must not hold the snapshot's deletion).
            return status.getConditions() == null || status.getConditions().stream()
                    .noneMatch(c -> Reason.WaitingForBinding.name().equals(c.getReason()));
        }
        boolean waitingForSnapshot = status.getConditions() != null && status.getConditions().stream()
                .anyMatch(c -> Reason.WaitingForSnapshot.name().equals(c.getReason()));
        return status.getState() == SnapshotState.CreationScheduled && !waitingForSnapshot;
    }

    static RestorationSummary summary(SnapshotRestoration restoration) {
        SnapshotRestorationStatus status = Objects.requireNonNullElseGet(restoration.getStatus(),
                SnapshotRestorationStatus::new);
        RestorationSummary summary = new RestorationSummary();
        summary.setName(restoration.getMetadata().getName());
        summary.setUid(restoration.getMetadata().getUid());
        summary.setCreated(restoration.getMetadata().getCreationTimestamp());
        summary.setDescription(RestoredVolumeRequest.description(restoration));
        summary.setVolumeID(status.getVolumeID());
        summary.setVolumeName(status.getVolumeName() != null ? status.getVolumeName()
                : RestoredVolumeRequest.name(restoration));
        summary.setVolumeState(status.getState() == null ? null : status.getState().name());
        summary.setVolumeRuntimeState(status.getVolumeRuntimeState());
        summary.setVolumeSizeMiB(status.getVolumeSizeMiB());
        summary.setVolumeDevice(status.getVolumeDevice());
        return summary;
    }

    private static Set<ResourceID> snapshotOf(SnapshotRestoration restoration) {
        if (restoration.getSpec() == null || restoration.getSpec().getSnapshotRef() == null) {
            return Set.of();
        }
        return Set.of(new ResourceID(restoration.getSpec().getSnapshotRef().getName(),
                restoration.getMetadata().getNamespace()));
    }

    private RestorationSummaries() {
    }
}
