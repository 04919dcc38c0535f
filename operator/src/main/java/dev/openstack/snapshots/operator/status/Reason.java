package dev.openstack.snapshots.operator.status;

/**
 * The reasons of the Ready and Progressing conditions of every kind (docs/api-conventions.md: one documented, closed
 * set). The constant's name is the reason users and tests see, so a name here never changes.
 */
public enum Reason {
    /** Work is under way (creating, updating, deleting). */
    Progressing,
    /** Usable: the snapshot matches its spec, the volume is restored. */
    Success,
    /** Cinder put the resource in error, or refused for a reason of its own (e.g. quota). */
    BackendError,
    /** The spec, the Secret or the referenced volume cannot work as they are; fixed by changing them. */
    InvalidConfiguration,
    /** OpenStack is unreachable or answered 5xx/429; retried with backoff. */
    TransientError,
    /** The Cinder resource was deleted behind the operator's back. */
    NotFound,
    /** A snapshot's keptUntil has passed. */
    Expired,
    /** Cinder could not delete the resource (error_deleting, or a delete it refused). */
    DeletionFailed,
    /** A snapshot's deletion waits: a SnapshotRestoration is still creating its volume from it. */
    RestorationInProgress,
    /** A restoration waits for its OpenStackSnapshot to exist and be Ready. */
    WaitingForSnapshot,
    /** A restoration into a claim: the volume is available, the PV controller has not bound the claim yet. */
    WaitingForBinding,
    /** A restoration's snapshot is Erred, or a schedule's newest snapshot of a source is. */
    SnapshotFailed,
    /** A schedule takes snapshots at its slots. */
    Scheduled,
    /** A schedule is suspended: no new snapshots. */
    Suspended;

    /** True when the condition of {@code type} among {@code conditions} carries this reason. */
    public boolean isOn(java.util.List<io.fabric8.kubernetes.api.model.Condition> conditions, String type) {
        return Conditions.find(conditions, type).map(c -> name().equals(c.getReason())).orElse(false);
    }
}
