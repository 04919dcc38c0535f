package dev.openstack.snapshots.operator.cinder.openstack;

/**
 * The Cinder API microversion the adapter speaks, sent as {@code OpenStack-API-Version} on every call.
 *
 * <p>3.0, deliberately. From 3.66 on, Cinder snapshots in-use volumes without {@code force} and rejects
 * {@code force: false} with a 400, so the {@code force} field of our API would mean nothing (or fail).
 * At 3.0 an in-use volume without force is refused with Cinder's "status must be available" 400 - the
 * safe default for crash-consistency - and force=true snapshots it anyway. 3.0 is also what every Cinder
 * since Pike serves, and everything else we use (snapshots, metadata, marker paging, name/metadata
 * filters on volumes) exists at 3.0. Without the header Cinder would also answer 3.0 today, but a
 * deployment may change its default; pinning makes the behaviour ours.
 */
public final class CinderMicroversion {

    public static final String HEADER = "OpenStack-API-Version";
    public static final String VERSION = "3.0";
    public static final String VALUE = "volume " + VERSION;

    private CinderMicroversion() {
    }
}
