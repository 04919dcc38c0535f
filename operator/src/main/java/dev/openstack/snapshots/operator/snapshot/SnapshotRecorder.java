package dev.openstack.snapshots.operator.snapshot;

import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotStatus;
import dev.openstack.snapshots.operator.api.SnapshotState;
import dev.openstack.snapshots.operator.api.SourceVolumeStatus;
import dev.openstack.snapshots.operator.cinder.CinderSnapshot;
import dev.openstack.snapshots.operator.events.TransitionEvents;
import java.time.Instant;
import java.util.Objects;

/** Records an outcome: builds the next status, announces transitions as events, writes it if it changed. */
public final class SnapshotRecorder {

    private final SnapshotStatusBuilder statuses;
    private final StatusWriter writer;
    private final TransitionEvents events;

    public SnapshotRecorder(SnapshotStatusBuilder statuses, StatusWriter writer, TransitionEvents events) {
        this.statuses = statuses;
        this.writer = writer;
        this.events = events;
    }

    public OpenStackSnapshot record(OpenStackSnapshot snapshot, Outcome outcome, CinderSnapshot actual, Instant keptUntil) {
        return record(snapshot, outcome, actual, keptUntil, null, null);
    }

    /**
     * @param handledPull the pull annotation value handled now, or null
     * @param source the resolved source volume, or null to keep (or derive from {@code actual})
     */
    public OpenStackSnapshot record(OpenStackSnapshot snapshot, Outcome outcome, CinderSnapshot actual,
            Instant keptUntil, String handledPull, SourceVolumeStatus source) {
        OpenStackSnapshotStatus before = SnapshotStatusBuilder.copyOf(snapshot);
        OpenStackSnapshotStatus next = statuses.next(snapshot, outcome, actual, keptUntil);
        if (source != null) {
            next.setSourceVolume(source);
        } else if (next.getSourceVolume() == null && actual != null) {
            next.setSourceVolume(new SourceVolumeStatus(actual.volumeId(), null));
        }
        if (handledPull != null) {
            next.setLastHandledPullAt(handledPull);
        }
        announce(snapshot, before, next, outcome);
        return writer.write(snapshot, next);
    }

    /**
     * Records {@code outcome} only if the object is still as {@code snapshot} shows it (compare-and-set on its
     * resourceVersion), setting or clearing the pending-create mark and, with {@code actual}, the link to Cinder.
     *
     * @param createRequestedAt the instant a create is about to be sent, or null to clear the mark
     * @throws io.fabric8.kubernetes.client.KubernetesClientException 409 when someone wrote the object since
     */
    public OpenStackSnapshot claim(OpenStackSnapshot snapshot, Outcome outcome, CinderSnapshot actual, Instant keptUntil,
            SourceVolumeStatus source, Instant createRequestedAt) {
        OpenStackSnapshotStatus before = SnapshotStatusBuilder.copyOf(snapshot);
        OpenStackSnapshotStatus next = statuses.next(snapshot, outcome, actual, keptUntil);
        if (source != null) {
            next.setSourceVolume(source);
        }
        next.setCreateRequestedAt(createRequestedAt == null ? null : createRequestedAt.toString());
        OpenStackSnapshot written = writer.claim(snapshot, next);
        announce(snapshot, before, next, outcome);
        return written;
    }

    /** The object as the API server has it now, or null when it is gone. */
    public OpenStackSnapshot fresh(OpenStackSnapshot snapshot) {
        return writer.fresh(snapshot);
    }

    /** A transient failure: state kept, Progressing/TransientError; no event (it is retried). */
    public void transientError(OpenStackSnapshot snapshot, String message) {
        writer.write(snapshot, statuses.transientError(snapshot, message));
    }

    private void announce(OpenStackSnapshot snapshot, OpenStackSnapshotStatus before, OpenStackSnapshotStatus next,
            Outcome outcome) {
        boolean wasOk = before.getState() == SnapshotState.OK;
        if (next.getState() == SnapshotState.OK && !wasOk && before.getState() != SnapshotState.Updating) {
            events.normal(snapshot, "Ready", "Cinder snapshot " + next.getBackendID() + " is available");
        }
        boolean newFailure = next.getState() == SnapshotState.Erred
                && (before.getState() != SnapshotState.Erred || !Objects.equals(before.getErrorMessage(), next.getErrorMessage()));
        if (newFailure && outcome.reason() != Reason.Expired) {
            events.warning(snapshot, "Failed", outcome.reason() + ": " + outcome.message());
        }
        if (newFailure && outcome.reason() == Reason.Expired) {
            events.warning(snapshot, "Expired", outcome.message());
        }
    }
}
