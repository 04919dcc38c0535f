package dev.openstack.snapshots.operator.restoration;

import dev.openstack.snapshots.operator.api.CloudCredentialsRef;
import dev.openstack.snapshots.operator.api.SnapshotRestorationStatus;
import dev.openstack.snapshots.operator.api.SnapshotState;
import dev.openstack.snapshots.operator.cinder.CinderVolume;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds the next status of a restoration from the previous one and what just happened. Pure apart
 * from the injected clock (condition transition times); never mutates its input.
 */
final class RestorationStatusFactory {

    private static final long MIB_PER_GIB = 1024L;

    private final Clock clock;

    RestorationStatusFactory(Clock clock) {
        this.clock = clock;
    }

    /** The snapshot is missing, being deleted or not Ready: nothing has been asked of Cinder. */
    SnapshotRestorationStatus waitingForSnapshot(SnapshotRestorationStatus previous, long generation, String message) {
        SnapshotRestorationStatus next = copy(previous, generation);
        next.setState(SnapshotState.CreationScheduled);
        next.setErrorMessage(null);
        conditions(next, generation, false, Reasons.WAITING_FOR_SNAPSHOT, true, Reasons.WAITING_FOR_SNAPSHOT, message);
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
        SnapshotRestorationStatus next = copy(previous, generation);
        VolumePhase phase = VolumePhase.of(volume.status());
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
        SnapshotRestorationStatus next = copy(observed, generation);
        next.setPersistentVolumeName(claimed.persistentVolumeName());
        next.setPersistentVolumeClaimName(claimed.claimName());
        next.setClaimPhase(claimed.phase());
        String claim = "PersistentVolumeClaim " + namespace + "/" + claimed.claimName();
        switch (claimed.phase()) {
            case "Bound" -> conditions(next, generation, true, Reasons.SUCCESS, false, Reasons.SUCCESS,
                    "volume " + next.getVolumeID() + " restored into " + claim + ", bound to PersistentVolume "
                            + claimed.persistentVolumeName());
            case "Lost" -> {
                String message = claim + " is Lost: its PersistentVolume " + claimed.persistentVolumeName() + " is gone";
                next.setState(SnapshotState.Erred);
                next.setErrorMessage(message);
                conditions(next, generation, false, Reasons.NOT_FOUND, false, Reasons.NOT_FOUND, message);
            }
            default -> {
                next.setState(SnapshotState.Creating);
                conditions(next, generation, false, Reasons.WAITING_FOR_BINDING, true, Reasons.WAITING_FOR_BINDING,
                        "waiting for Kubernetes to bind " + claim + " to PersistentVolume "
                                + claimed.persistentVolumeName() + " (claim " + claimed.phase() + ")");
            }
        }
        return next;
    }

    /** Deleting with deletionPolicy Delete: the claim or PV is still going, the volume is not touched yet. */
    SnapshotRestorationStatus deletingClaim(SnapshotRestorationStatus previous, long generation, String message) {
        SnapshotRestorationStatus next = copy(previous, generation);
        next.setState(SnapshotState.Deleting);
        next.setErrorMessage(null);
        conditions(next, generation, false, Reasons.PROGRESSING, true, Reasons.PROGRESSING, message);
        return next;
    }

    /** A poll that covered the volume did not list it. */
    SnapshotRestorationStatus gone(SnapshotRestorationStatus previous, long generation) {
        SnapshotRestorationStatus next = copy(previous, generation);
        String message = "Does not exist at backend: Cinder no longer has volume " + previous.getVolumeID();
        next.setState(SnapshotState.Erred);
        next.setVolumeRuntimeState(null);
        next.setErrorMessage(message);
        conditions(next, generation, false, Reasons.NOT_FOUND, false, Reasons.NOT_FOUND, message);
        return next;
    }

    /** A failure retrying cannot fix: terminal until the spec changes. */
    SnapshotRestorationStatus failed(SnapshotRestorationStatus previous, long generation, String reason, String message) {
        SnapshotRestorationStatus next = copy(previous, generation);
        next.setState(SnapshotState.Erred);
        next.setErrorMessage(message);
        conditions(next, generation, false, reason, false, reason, message);
        return next;
    }

    /** A failure worth retrying (5xx, 429, timeout): state and Ready stay, Progressing says we retry. */
    SnapshotRestorationStatus transientFailure(SnapshotRestorationStatus previous, long generation, String message) {
        SnapshotRestorationStatus next = copy(previous, generation);
        if (next.getState() == null) {
            next.setState(SnapshotState.CreationScheduled);
        }
        next.setErrorMessage(message);
        if (find(next.getConditions(), Reasons.READY) == null) {
            set(next.getConditions(), Reasons.READY, false, Reasons.TRANSIENT_ERROR, message, generation);
        }
        set(next.getConditions(), Reasons.PROGRESSING_TYPE, true, Reasons.TRANSIENT_ERROR, message, generation);
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
        SnapshotRestorationStatus next = copy(previous, generation);
        next.setErrorMessage(trouble);
        set(next.getConditions(), Reasons.READY, "Unknown", Reasons.TRANSIENT_ERROR, trouble, generation);
        set(next.getConditions(), Reasons.PROGRESSING_TYPE, true, Reasons.TRANSIENT_ERROR, trouble, generation);
        return next;
    }

    /** The snapshot is Erred: nothing can be restored from it (until it recovers, which re-triggers us). */
    SnapshotRestorationStatus snapshotFailed(SnapshotRestorationStatus previous, long generation, String message) {
        SnapshotRestorationStatus next = failed(previous, generation, Reasons.SNAPSHOT_FAILED, message);
        next.setState(SnapshotState.Erred);
        return next;
    }

    /** The restoration is being deleted with deletionPolicy Delete and Cinder is deleting the volume. */
    SnapshotRestorationStatus deleting(SnapshotRestorationStatus previous, long generation) {
        SnapshotRestorationStatus next = copy(previous, generation);
        String message = "deleting Cinder volume " + previous.getVolumeID();
        next.setState(SnapshotState.Deleting);
        next.setVolumeRuntimeState("deleting");
        next.setErrorMessage(null);
        conditions(next, generation, false, Reasons.PROGRESSING, true, Reasons.PROGRESSING, message);
        return next;
    }

    private void conditions(SnapshotRestorationStatus status, long generation, boolean ready, String readyReason,
            boolean progressing, String progressingReason, String message) {
        set(status.getConditions(), Reasons.READY, ready, readyReason, message, generation);
        set(status.getConditions(), Reasons.PROGRESSING_TYPE, progressing, progressingReason, message, generation);
    }

    /** Replaces the condition of that type; the transition time moves only when the status flips. */
    private void set(List<Condition> conditions, String type, boolean value, String reason, String message,
            long generation) {
        set(conditions, type, value ? "True" : "False", reason, message, generation);
    }

    private void set(List<Condition> conditions, String type, String status, String reason, String message,
            long generation) {
        Condition old = find(conditions, type);
        String transition = old != null && status.equals(old.getStatus()) && old.getLastTransitionTime() != null
                ? old.getLastTransitionTime() : clock.instant().toString();
        Condition next = new ConditionBuilder().withType(type).withStatus(status).withReason(reason)
                .withMessage(message == null ? "" : message).withObservedGeneration(generation)
                .withLastTransitionTime(transition).build();
        conditions.removeIf(c -> type.equals(c.getType()));
        conditions.add(type.equals(Reasons.READY) ? 0 : conditions.size(), next);
    }

    private static Condition find(List<Condition> conditions, String type) {
        return conditions.stream().filter(c -> Objects.equals(type, c.getType())).findFirst().orElse(null);
    }

    /** A copy of {@code previous} (or an empty status) for {@code generation}. */
    static SnapshotRestorationStatus copyOf(SnapshotRestorationStatus previous, long generation) {
        return copy(previous, generation);
    }

    private static SnapshotRestorationStatus copy(SnapshotRestorationStatus previous, long generation) {
        SnapshotRestorationStatus next = new SnapshotRestorationStatus();
        if (previous != null) {
            next.setState(previous.getState());
            next.setVolumeID(previous.getVolumeID());
            next.setVolumeName(previous.getVolumeName());
            next.setVolumeRuntimeState(previous.getVolumeRuntimeState());
            next.setVolumeSizeMiB(previous.getVolumeSizeMiB());
            next.setVolumeDevice(previous.getVolumeDevice());
            next.setCreated(previous.getCreated());
            next.setSnapshotID(previous.getSnapshotID());
            next.setCreateRequestedAt(previous.getCreateRequestedAt());
            CloudCredentialsRef credentials = previous.getCloudCredentialsRef();
            next.setCloudCredentialsRef(credentials == null ? null
                    : new CloudCredentialsRef(credentials.getSecretName(), credentials.getCloudName()));
            next.setErrorMessage(previous.getErrorMessage());
            next.setPersistentVolumeName(previous.getPersistentVolumeName());
            next.setPersistentVolumeClaimName(previous.getPersistentVolumeClaimName());
            next.setClaimPhase(previous.getClaimPhase());
            List<Condition> conditions = new ArrayList<>();
            if (previous.getConditions() != null) {
                previous.getConditions().forEach(c -> conditions.add(new ConditionBuilder(c).build()));
            }
            next.setConditions(conditions);
        }
        next.setObservedGeneration(generation);
        return next;
    }
}
