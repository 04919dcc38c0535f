package dev.openstack.snapshots.operator.snapshot;

import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotStatus;
import dev.openstack.snapshots.operator.api.SourceVolumeStatus;
import dev.openstack.snapshots.operator.cinder.CinderSnapshot;
import dev.openstack.snapshots.operator.status.StatusPatcher;
import java.time.Instant;

/** Records an outcome: builds the next status and hands it to the shared patcher (which announces transitions). */
public final class SnapshotRecorder {

    private final SnapshotStatusBuilder statuses;
    private final StatusPatcher<OpenStackSnapshot, OpenStackSnapshotStatus> patcher;

    public SnapshotRecorder(SnapshotStatusBuilder statuses, StatusPatcher<OpenStackSnapshot, OpenStackSnapshotStatus> patcher) {
        this.statuses = statuses;
        this.patcher = patcher;
    }

    /** Records {@code outcome}, with nothing new from Cinder. */
    public OpenStackSnapshot record(OpenStackSnapshot snapshot, Outcome outcome) {
        return record(snapshot, outcome, null, null);
    }

    /** Records {@code outcome} and what Cinder reports ({@code actual}, nullable). */
    public OpenStackSnapshot record(OpenStackSnapshot snapshot, Outcome outcome, CinderSnapshot actual) {
        return record(snapshot, outcome, actual, null);
    }

    /** Records {@code outcome} and {@code actual} (nullable), echoing the pull annotation {@code handledPull} (nullable). */
    public OpenStackSnapshot record(OpenStackSnapshot snapshot, Outcome outcome, CinderSnapshot actual, String handledPull) {
        OpenStackSnapshotStatus next = statuses.next(snapshot, outcome, actual);
        if (next.getSourceVolume() == null && actual != null) {
            next.setSourceVolume(new SourceVolumeStatus(actual.volumeId(), null));
        }
        if (handledPull != null) {
            next.setLastHandledPullAt(handledPull);
        }
        return patcher.write(snapshot, next);
    }

    /**
     * Records {@code outcome} only if the object is still as {@code snapshot} shows it (compare-and-set on its
     * resourceVersion), setting or clearing the pending-create mark and, with {@code actual}, the link to Cinder.
     *
     * @param createRequestedAt the instant a create is about to be sent, or null to clear the mark
     * @throws io.fabric8.kubernetes.client.KubernetesClientException 409 when someone wrote the object since
     */
    public OpenStackSnapshot claim(OpenStackSnapshot snapshot, Outcome outcome, CinderSnapshot actual,
            Instant createRequestedAt) {
        OpenStackSnapshotStatus next = statuses.next(snapshot, outcome, actual);
        next.setCreateRequestedAt(createRequestedAt == null ? null : createRequestedAt.toString());
        return patcher.claim(snapshot, next);
    }

    /** The object as the API server has it now, or null when it is gone. */
    public OpenStackSnapshot fresh(OpenStackSnapshot snapshot) {
        return patcher.fresh(snapshot);
    }

    /** A transient failure: state kept, Progressing/TransientError; no event (it is retried). */
    public void transientError(OpenStackSnapshot snapshot, String message) {
        patcher.writeQuietly(snapshot, statuses.transientError(snapshot, message));
    }
}
