package dev.openstack.snapshots.operator.restoration;

import dev.openstack.snapshots.operator.api.CloudCredentialsRef;
import dev.openstack.snapshots.operator.api.SnapshotRestorationStatus;
import dev.openstack.snapshots.operator.api.SnapshotState;
import dev.openstack.snapshots.operator.cinder.CinderVolume;
import dev.openstack.snapshots.operator.flow.StateTable;
import dev.openstack.snapshots.operator.status.Conditions.Wanted;
import dev.openstack.snapshots.operator.status.Conditions;
import dev.openstack.snapshots.operator.status.Reason;
import dev.openstack.snapshots.operator.status.StatusPatcher;
import java.time.Clock;

/**
 * Builds the next status of a restoration from the previous one and what just happened. Pure apart
 * from the injected clock (condition transition times); never mutates its input.
 */
final class RestorationStatusFactory {

    private static final long MIB_PER_GIB = 1024L;

    private final Conditions conditions;

    RestorationStatusFactory(Clock clock) {
        this.conditions = new Conditions(clock);
    }

    /** The snapshot is missing, being deleted or not Ready: nothing has been asked of Cinder. */
    SnapshotRestorationStatus waitingForSnapshot(SnapshotRestorationStatus previous, long generation, String message) {
        SnapshotRestorationStatus next = copyOf(previous, generation);
        next.setState(SnapshotState.CreationScheduled);
        next.setErrorMessage(null);
        conditions(next, generation, false, Reason.WaitingForSnapshot, true, Reason.WaitingForSnapshot, message);
        return next;
    }

    /** Cinder accepted the create (or we adopted a volume made before a crash): record its id at once. */
    SnapshotRestorationStatus volumeRecorded(SnapshotRestorationStatus previous, long generation, CinderVolume volume,
            String snapshotId, CloudCredentialsRef credentials) {
        SnapshotRestorationStatus next = observed(previous, generation, volume);
        next.setSnapshotID(snapshotId);
        next.setCloudCredentialsRef(new CloudCredentialsRef(credentials.getSecretName(), credentials.getCloudName()));
        return next;
    }

    /** The bulk poller's latest view of the volume. */
    SnapshotRestorationStatus observed(SnapshotRestorationStatus previous, long generation, CinderVolume volume) {
        SnapshotRestorationStatus next = copyOf(previous, generation);
        StateTable.Row phase = StateTable.volume(volume.status());
        next.setVolumeID(volume.id());
        next.setVolumeName(volume.name());
        next.setVolumeRuntimeState(volume.status());
        next.setVolumeSizeMiB(volume.sizeGiB() * MIB_PER_GIB);
        next.setVolumeDevice(volume.devices().isEmpty() ? null : String.join(",", volume.devices()));
        next.setCreated(volume.createdAt() == null ? null : volume.createdAt().toString());
        next.setState(phase.state());
        String message;
        if (phase.state() == SnapshotState.Erred) {
            message = "Cinder volume " + volume.id() + " is in status " + volume.status();
            next.setErrorMessage(message);
        } else {
            next.setErrorMessage(null);
            message = switch (phase.state()) {
                case OK -> "volume " + volume.id() + " restored (" + volume.status() + ")";
                case Deleting -> "Cinder is deleting volume " + volume.id();
                default -> "Cinder is creating volume " + volume.id() + " from the snapshot";
            };
        }
        conditions(next, generation, phase.ready(), phase.reason(), phase.progressing(), phase.reason(), message);
        return next;
    }

    /**
     * spec.persistentVolumeClaim, the volume available and the PV and claim made: Ready only once the PV controller
     * has bound the claim (Bound); Pending is still progressing; Lost means the PV went away under the claim.
     */
    SnapshotRestorationStatus claimed(SnapshotRestorationStatus observed, long generation, String namespace,
            ClaimBinder.Claimed claimed) {
        SnapshotRestorationStatus next = copyOf(observed, generation);
        next.setPersistentVolumeName(claimed.persistentVolumeName());
        next.setPersistentVolumeClaimName(claimed.claimName());
        next.setClaimPhase(claimed.phase());
        String claim = "PersistentVolumeClaim " + namespace + "/" + claimed.claimName();
        switch (claimed.phase()) {
            case "Bound" -> conditions(next, generation, true, Reason.Success, false, Reason.Success,
                    "volume " + next.getVolumeID() + " restored into " + claim + ", bound to PersistentVolume "
                            + claimed.persistentVolumeName());
            case "Lost" -> {
                String message = claim + " is Lost: its PersistentVolume " + claimed.persistentVolumeName() + " is gone";
                next.setState(SnapshotState.Erred);
                next.setErrorMessage(message);
                conditions(next, generation, false, Reason.NotFound, false, Reason.NotFound, message);
            }
            default -> {
                next.setState(SnapshotState.Creating);
                conditions(next, generation, false, Reason.WaitingForBinding, true, Reason.WaitingForBinding,
                        "waiting for Kubernetes to bind " + claim + " to PersistentVolume "
                                + claimed.persistentVolumeName() + " (claim " + claimed.phase() + ")");
            }
        }
        return next;
    }

    /** Deleting with deletionPolicy Delete: the claim or PV is still going, the volume is not touched yet. */
    SnapshotRestorationStatus deletingClaim(SnapshotRestorationStatus previous, long generation, String message) {
        SnapshotRestorationStatus next = copyOf(previous, generation);
        next.setState(SnapshotState.Deleting);
        next.setErrorMessage(null);
        conditions(next, generation, false, Reason.Progressing, true, Reason.Progressing, message);
        return next;
    }

    /** A poll that covered the volume did not list it. */
    SnapshotRestorationStatus gone(SnapshotRestorationStatus previous, long generation) {
        SnapshotRestorationStatus next = copyOf(previous, generation);
        String message = StateTable.NOT_FOUND + ": Cinder no longer has volume " + previous.getVolumeID();
        next.setState(SnapshotState.Erred);
        next.setVolumeRuntimeState(null);
        next.setErrorMessage(message);
        conditions(next, generation, false, Reason.NotFound, false, Reason.NotFound, message);
        return next;
    }

    /** A failure retrying cannot fix: terminal until the spec changes. */
    SnapshotRestorationStatus failed(SnapshotRestorationStatus previous, long generation, Reason reason, String message) {
        SnapshotRestorationStatus next = copyOf(previous, generation);
        next.setState(SnapshotState.Erred);
        next.setErrorMessage(message);
        conditions(next, generation, false, reason, false, reason, message);
        return next;
    }

    /** A failure worth retrying (5xx, 429, timeout): state and Ready stay, Progressing says we retry. */
    SnapshotRestorationStatus transientFailure(SnapshotRestorationStatus previous, long generation, String message) {
        SnapshotRestorationStatus next = copyOf(previous, generation);
        if (next.getState() == null) {
            next.setState(SnapshotState.CreationScheduled);
        }
        next.setErrorMessage(message);
        next.setConditions(conditions.retrying(next.getConditions(), generation, message));
        return next;
    }

    /** Deleting the volume failed transiently (5xx, timeout): state Deleting, Progressing says we retry. */
    SnapshotRestorationStatus deletionRetrying(SnapshotRestorationStatus previous, long generation, String message) {
        SnapshotRestorationStatus next = transientFailure(previous, generation, message);
        next.setState(SnapshotState.Deleting);
        return next;
    }

    /**
     * The cloud's listings fail, so the volume's state is not known: Ready Unknown and Progressing TransientError with
     * {@code trouble}, the rest as last seen, until a listing works again.
     */
    SnapshotRestorationStatus unobserved(SnapshotRestorationStatus previous, long generation, String trouble) {
        SnapshotRestorationStatus next = copyOf(previous, generation);
        next.setErrorMessage(trouble);
        next.setConditions(conditions.with(next.getConditions(), generation,
                Wanted.readyUnknown(Reason.TransientError, trouble), Wanted.progressing(true, Reason.TransientError, trouble)));
        return next;
    }

    /** The snapshot is Erred: nothing can be restored from it (until it recovers, which re-triggers us). */
    SnapshotRestorationStatus snapshotFailed(SnapshotRestorationStatus previous, long generation, String message) {
        SnapshotRestorationStatus next = failed(previous, generation, Reason.SnapshotFailed, message);
        next.setState(SnapshotState.Erred);
        return next;
    }

    /** The restoration is being deleted with deletionPolicy Delete and Cinder is deleting the volume. */
    SnapshotRestorationStatus deleting(SnapshotRestorationStatus previous, long generation) {
        SnapshotRestorationStatus next = copyOf(previous, generation);
        String message = "deleting Cinder volume " + previous.getVolumeID();
        next.setState(SnapshotState.Deleting);
        next.setVolumeRuntimeState("deleting");
        next.setErrorMessage(null);
        conditions(next, generation, false, Reason.Progressing, true, Reason.Progressing, message);
        return next;
    }

    private void conditions(SnapshotRestorationStatus status, long generation, boolean ready, Reason readyReason,
            boolean progressing, Reason progressingReason, String message) {
        status.setConditions(conditions.with(status.getConditions(), generation,
                Wanted.ready(ready, readyReason, message), Wanted.progressing(progressing, progressingReason, message)));
    }

    /** A deep copy of {@code previous} (or an empty status) for {@code generation}: no field is left behind. */
    static SnapshotRestorationStatus copyOf(SnapshotRestorationStatus previous, long generation) {
        SnapshotRestorationStatus next = StatusPatcher.copyOf(previous, SnapshotRestorationStatus::new);
        next.setObservedGeneration(generation);
        return next;
    }
}
