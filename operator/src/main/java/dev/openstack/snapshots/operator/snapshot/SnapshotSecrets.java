package dev.openstack.snapshots.operator.snapshot;

import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.cloud.CloudConfigurationException;
import dev.openstack.snapshots.operator.credentials.SecretHolds;
import dev.openstack.snapshots.operator.credentials.SecretKey;
import dev.openstack.snapshots.operator.credentials.WatchedSecrets;
import dev.openstack.snapshots.operator.observation.ObservationEventSource;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.List;
import java.util.Optional;

/**
 * The clouds.yaml Secret of each snapshot: watched by name so that creating or fixing it re-triggers exactly the
 * snapshots that name it, and held (finalizer) while the snapshot exists so that its deletion can still reach Cinder.
 */
public final class SnapshotSecrets {

    private static final String INDEX = "cloud-credentials-secret";

    private final WatchedSecrets watched;
    private final SecretHolds holds;
    private final ObservationEventSource<OpenStackSnapshot> changes = new ObservationEventSource<>("snapshot-secrets");

    public SnapshotSecrets(WatchedSecrets watched, SecretHolds holds) {
        this.watched = watched;
        this.holds = holds;
    }

    /** The event source of Secret changes; also tells the holds which snapshots use which Secret. */
    public ObservationEventSource<OpenStackSnapshot> eventSource(EventSourceContext<OpenStackSnapshot> context) {
        context.getPrimaryCache().addIndexer(INDEX, s -> List.of(keyOf(s).toString()));
        holds.register(key -> context.getPrimaryCache().byIndex(INDEX, key.toString()));
        return changes;
    }

    /** The snapshot uses its Secret: watch it, hold it, and return it (empty when it does not exist). */
    public Optional<Secret> inUse(OpenStackSnapshot snapshot) {
        SecretKey key = keyOf(snapshot);
        Optional<Secret> secret = watched.watch(key, ResourceID.fromResource(snapshot), changes);
        holds.hold(key, secret);
        return secret;
    }

    /** The snapshot is leaving (its Cinder work is done): stop watching, and release the Secret if nobody else uses it. */
    public void letGo(OpenStackSnapshot snapshot) {
        SecretKey key = keyOf(snapshot);
        holds.release(key, snapshot);
        watched.unwatch(key, ResourceID.fromResource(snapshot), changes);
    }

    /** True when the snapshot already let go of its Secret (JOSDK retrying the removal of its finalizer). */
    public boolean alreadyLetGo(OpenStackSnapshot snapshot) {
        return holds.released(keyOf(snapshot), snapshot);
    }

    /** @throws CloudConfigurationException naming the missing Secret */
    public Secret require(OpenStackSnapshot snapshot, Secret secret) {
        if (secret == null) {
            throw new CloudConfigurationException("Secret " + keyOf(snapshot) + " not found");
        }
        return secret;
    }

    static SecretKey keyOf(OpenStackSnapshot snapshot) {
        return new SecretKey(snapshot.getMetadata().getNamespace(),
                snapshot.getSpec().getCloudCredentialsRef().getSecretName());
    }
}
