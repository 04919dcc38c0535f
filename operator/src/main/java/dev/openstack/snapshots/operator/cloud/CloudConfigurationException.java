package dev.openstack.snapshots.operator.cloud;

/**
 * The clouds.yaml Secret cannot be used as it is: malformed YAML, unknown cloud, missing key,
 * unsupported auth type. Terminal until the Secret changes. Never carries a secret value.
 */
public class CloudConfigurationException extends RuntimeException {

    public CloudConfigurationException(String message) {
        super(message);
    }
}
