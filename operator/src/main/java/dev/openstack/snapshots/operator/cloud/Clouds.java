package dev.openstack.snapshots.operator.cloud;

import dev.openstack.snapshots.operator.cinder.BlockStorage;
import io.fabric8.kubernetes.api.model.Secret;

/**
 * Turns a clouds.yaml Secret and a cloud name into a connected {@link BlockStorage}. Connections are
 * cached per (Secret uid + resourceVersion, cloud): one token, shared by all threads, refreshed before
 * it expires and dropped when the Secret changes.
 */
public interface Clouds {

    /**
     * @throws CloudConfigurationException when the Secret or its clouds.yaml is unusable (the message
     *     names the problem, never a secret value)
     */
    BlockStorage blockStorage(Secret secret, String cloudName);
}
