package dev.openstack.snapshots.operator.observation;

import dev.openstack.snapshots.operator.cinder.BlockStorage;
import dev.openstack.snapshots.operator.cloud.CloudConfigurationException;
import dev.openstack.snapshots.operator.cloud.Clouds;
import io.fabric8.kubernetes.api.model.Secret;

/**
 * Turns a {@link CloudKey} into a connected {@link BlockStorage}: finds the Secret, checks it has a
 * clouds.yaml, and lets {@link Clouds} (which caches tokens per Secret version) do the rest.
 */
public final class CloudConnector {

    public static final String CLOUDS_YAML = "clouds.yaml";

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
        boolean hasCloudsYaml = (secret.getData() != null && secret.getData().containsKey(CLOUDS_YAML))
                || (secret.getStringData() != null && secret.getStringData().containsKey(CLOUDS_YAML));
        if (!hasCloudsYaml) {
            throw new CloudConfigurationException("Secret " + secret.getMetadata().getNamespace() + "/"
                    + secret.getMetadata().getName() + " has no key " + CLOUDS_YAML);
        }
        return clouds.blockStorage(secret, cloudName);
    }
}
