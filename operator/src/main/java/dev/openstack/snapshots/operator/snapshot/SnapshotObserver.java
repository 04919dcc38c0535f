package dev.openstack.snapshots.operator.snapshot;

import dev.openstack.snapshots.operator.adoption.OwnerMatch;
import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.cinder.BlockStorage;
import dev.openstack.snapshots.operator.cinder.CinderSnapshot;
import dev.openstack.snapshots.operator.observation.BulkObservation;
import dev.openstack.snapshots.operator.observation.CloudKey;
import dev.openstack.snapshots.operator.observation.CloudObserver;
import dev.openstack.snapshots.operator.observation.ObservationEventSource;
import dev.openstack.snapshots.operator.observation.Observed;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.Optional;

/**
 * Reads Cinder for the snapshot controller: the bulk poller's view normally, a direct GET only when
 * asked to (pull), and the owner-tag lookup that finds what a crashed run created.
 */
public final class SnapshotObserver {

    private final BulkObservation observation;
    private final ObservationEventSource<OpenStackSnapshot> events;

    public SnapshotObserver(BulkObservation observation, ObservationEventSource<OpenStackSnapshot> events) {
        this.observation = observation;
        this.events = events;
    }

    public static CloudKey keyOf(OpenStackSnapshot snapshot) {
        var ref = snapshot.getSpec().getCloudCredentialsRef();
        return new CloudKey(snapshot.getMetadata().getNamespace(), ref.getSecretName(), ref.getCloudName());
    }

    /** Watches {@code id} for the object and returns the poller's view of it (or a fresh GET if asked). */
    public Observed<CinderSnapshot> observe(OpenStackSnapshot snapshot, BlockStorage storage, String id, boolean fresh) {
        CloudObserver cloud = observation.cloud(keyOf(snapshot));
        cloud.watchSnapshot(id, ResourceID.fromResource(snapshot), events);
        if (fresh) {
            CinderSnapshot now = storage.snapshots().get(id).orElse(null);
            cloud.recordSnapshot(id, now);
            return now == null ? Observed.absent() : Observed.present(now);
        }
        return cloud.snapshot(id);
    }

    /** Records what a create or update just returned, so the next reconcile does not act on an older listing. */
    public void record(OpenStackSnapshot snapshot, CinderSnapshot value) {
        observation.cloud(keyOf(snapshot)).recordSnapshot(value.id(), value);
    }

    /** A create or delete of this object's snapshot was just sent: have its cloud listed again soon. */
    public void changeRequested(OpenStackSnapshot snapshot) {
        observation.cloud(keyOf(snapshot)).changeRequested();
    }

    /** Records that Cinder said 404 for {@code id}, so the view does not show it until a listing does. */
    public void recordGone(OpenStackSnapshot snapshot, String id) {
        observation.cloud(keyOf(snapshot)).recordSnapshot(id, null);
    }

    /**
     * The snapshots carrying this object's uid in the poller's last listing, sorted like
     * {@link SnapshotActuator#findOwned}; the
     * poller triggers the object when a listing finds its uid on more than one.
     */
    public OwnerMatch.Sorted<CinderSnapshot> listedOwned(OpenStackSnapshot snapshot, String volumeId) {
        CloudObserver cloud = observation.cloud(keyOf(snapshot));
        cloud.watchOwnerTag(snapshot.getMetadata().getUid(), ResourceID.fromResource(snapshot), events);
        return SnapshotActuator.sort(snapshot, volumeId, cloud.snapshotsTagged(snapshot.getMetadata().getUid()));
    }

    /** While the cloud's listings fail: "Cinder listing failing since <time>: <error>" (the same all along). */
    public Optional<String> cloudTrouble(OpenStackSnapshot snapshot) {
        return observation.cloud(keyOf(snapshot)).trouble()
                .map(t -> "Cinder listing failing since " + t.since() + ": " + t.error());
    }

    public void forget(OpenStackSnapshot snapshot) {
        observation.cloud(keyOf(snapshot)).unwatch(ResourceID.fromResource(snapshot), events);
    }
}
