package dev.openstack.snapshots.operator.snapshot;

import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotStatus;
import dev.openstack.snapshots.operator.api.SnapshotState;
import dev.openstack.snapshots.operator.events.TransitionEvents;
import dev.openstack.snapshots.operator.status.Conditions;
import dev.openstack.snapshots.operator.status.Reason;
import dev.openstack.snapshots.operator.status.StatusPatcher;
import java.time.Clock;
import java.util.Objects;
import java.util.Set;

/**
 * How the shared {@link StatusPatcher} writes a snapshot's status: lastSyncTime is stamped on every change but is
 * no change itself; status.restorations belongs to the restoration side ({@code RestorationSummaries}) and is taken
 * from the live object; status.createRequestedAt, and status.backendID of an object that creates its snapshot, change
 * only by claim. Events: Ready, Failed (with the Ready reason), Expired.
 */
public final class SnapshotStatusRules implements StatusPatcher.Rules<OpenStackSnapshot, OpenStackSnapshotStatus> {

    private final Clock clock;
    private final TransitionEvents events;

    public SnapshotStatusRules(Clock clock, TransitionEvents events) {
        this.clock = clock;
        this.events = events;
    }

    @Override
    public Set<String> notCompared() {
        return Set.of("lastSyncTime", "restorations");
    }

    @Override
    public void stamp(OpenStackSnapshotStatus next) {
        next.setLastSyncTime(clock.instant().toString());
    }

    @Override
    public void keepOthers(OpenStackSnapshotStatus current, OpenStackSnapshotStatus next) {
        next.setRestorations(current.getRestorations());
    }

    @Override
    public void keepClaimed(OpenStackSnapshot live, OpenStackSnapshotStatus next) {
        OpenStackSnapshotStatus current = live.getStatus() == null ? new OpenStackSnapshotStatus() : live.getStatus();
        next.setCreateRequestedAt(current.getCreateRequestedAt());
        if (live.getSpec() == null || live.getSpec().getBackendID() == null) {
            next.setBackendID(current.getBackendID());
        }
    }

    @Override
    public Object stateOf(OpenStackSnapshotStatus status) {
        return status.getState();
    }

    @Override
    public String errorOf(OpenStackSnapshotStatus status) {
        return status.getErrorMessage();
    }

    @Override
    public void announce(OpenStackSnapshot snapshot, OpenStackSnapshotStatus before, OpenStackSnapshotStatus next) {
        SnapshotState was = before == null ? null : before.getState();
        if (next.getState() == SnapshotState.OK && was != SnapshotState.OK && was != SnapshotState.Updating) {
            events.normal(snapshot, "Ready", "Cinder snapshot " + next.getBackendID() + " is available");
        }
        boolean newFailure = next.getState() == SnapshotState.Erred && (was != SnapshotState.Erred
                || !Objects.equals(before.getErrorMessage(), next.getErrorMessage()));
        if (!newFailure) {
            return;
        }
        String reason = Conditions.find(next.getConditions(), Conditions.READY).map(c -> c.getReason()).orElse("");
        if (Reason.Expired.name().equals(reason)) {
            events.warning(snapshot, "Expired", next.getErrorMessage());
        } else {
            events.warning(snapshot, "Failed", reason + ": " + next.getErrorMessage());
        }
    }
}
