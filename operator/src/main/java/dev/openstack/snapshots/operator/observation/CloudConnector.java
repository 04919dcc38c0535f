package dev.openstack.snapshots.operator.observation;

import dev.openstack.snapshots.operator.cinder.BlockStorage;
import dev.openstack.snapshots.operator.cloud.CloudConfigurationException;
import dev.openstack.snapshots.operator.cloud.Clouds;
import io.fabric8.kubernetes.api.model.Secret;

/**
 * Turns a {@link CloudKey} into a connected {@link BlockStorage}: finds the Secret and lets {@link Clouds}
 * (which checks its clouds.yaml and caches tokens per Secret version) do the rest.
 */
public final class CloudConnector {

    private final Clouds clouds;
    private final SecretSource secrets;

    public CloudConnector(Clouds clouds, SecretSource secrets) {
        this.clouds = clouds;
        this.secrets = secrets;
    }

    /** @throws CloudConfigurationException when the Secret is missing or unusable */
    public BlockStorage connect(CloudKey key) {
        Secret secret = secrets.secret(key.namespace(), key.secretName())
                .orElseThrow(() -> new CloudConfigurationException(
                        "Secret " + key.namespace() + "/" + key.secretName() + " not found"));
        return connect(secret, key.cloudName());
    }

    /** @throws CloudConfigurationException when the Secret has no clouds.yaml or the cloud is unusable */
    public BlockStorage connect(Secret secret, String cloudName) {
        return clouds.blockStorage(secret, cloudName);
    }
}
