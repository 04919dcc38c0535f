package dev.openstack.snapshots.operator.testing.admin;

/**
 * A Keystone token of one cloud and what it says: the project, the user and the Cinder endpoint from
 * the catalog (no trailing slash, ending in the project id).
 */
public record AdminSession(String cloud, String token, String projectId, String userId, String cinderUrl, String keystoneUrl) {

    @Override
    public String toString() {
        return "AdminSession[" + cloud + ", project " + projectId + ", " + cinderUrl + "]";
    }
}
