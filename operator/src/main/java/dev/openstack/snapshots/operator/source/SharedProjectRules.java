package dev.openstack.snapshots.operator.source;

import dev.openstack.snapshots.operator.api.SourceVolume;

/**
 * The {@code SHARED_OPENSTACK_PROJECT} setting. When many namespaces share one OpenStack project, every volume and
 * snapshot of the project is reachable with any namespace's credentials, so a namespace may only snapshot what
 * Kubernetes says is its own: volumes behind PersistentVolumeClaims of its namespace (bound, see
 * {@link SourceVolumeResolver}). Sources by Cinder id or name, and imports of existing snapshots, are refused.
 */
public record SharedProjectRules(boolean sharedProject) {

    /** @return why this source or import is not allowed, or null */
    public String refusal(SourceVolume source, String backendID) {
        if (!sharedProject) {
            return null;
        }
        if (backendID != null) {
            return "imports (spec.backendID) are turned off: the operator runs with SHARED_OPENSTACK_PROJECT=true, "
                    + "where namespaces share one OpenStack project";
        }
        if (source != null && source.getPersistentVolumeClaimName() == null) {
            return "sourceVolume must be a persistentVolumeClaimName of this namespace: the operator runs with "
                    + "SHARED_OPENSTACK_PROJECT=true, where volumes by id or name could be another namespace's";
        }
        return null;
    }

    /** Whether an import may ever be deleted in Cinder (never in a shared project: it is not provably ours). */
    public boolean importsAllowed() {
        return !sharedProject;
    }
}
