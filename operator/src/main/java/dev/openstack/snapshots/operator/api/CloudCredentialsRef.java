package dev.openstack.snapshots.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** Where the OpenStack credentials are: a Secret in the object's own namespace holding a clouds.yaml. */
public class CloudCredentialsRef {

    @Required
    @Size(min = 1, max = 253)
    @JsonPropertyDescription("Name of a Secret in this namespace with the key clouds.yaml (and optionally cacert).")
    private String secretName;

    @Required
    @Size(min = 1, max = 255)
    @JsonPropertyDescription("Entry under 'clouds:' in the clouds.yaml to use.")
    private String cloudName;

    public CloudCredentialsRef() {
    }

    public CloudCredentialsRef(String secretName, String cloudName) {
        this.secretName = secretName;
        this.cloudName = cloudName;
    }

    public String getSecretName() {
        return secretName;
    }

    public void setSecretName(String secretName) {
        this.secretName = secretName;
    }

    public String getCloudName() {
        return cloudName;
    }

    public void setCloudName(String cloudName) {
        this.cloudName = cloudName;
    }
}
