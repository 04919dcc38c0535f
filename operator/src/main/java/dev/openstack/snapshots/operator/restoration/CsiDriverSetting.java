package dev.openstack.snapshots.operator.restoration;

import dev.openstack.snapshots.operator.api.CloudCredentialsRef;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Which CSI driver serves the cloud's volumes in this cluster: the optional key {@code csi-driver} of the Secret
 * that holds the cloud's clouds.yaml (the Secret is what names a cloud to the operator), else
 * cinder.csi.openstack.org. Only the one key is read; nothing of the Secret is logged.
 */
final class CsiDriverSetting {

    static final String SECRET_KEY = "csi-driver";

    private CsiDriverSetting() {
    }

    static String of(KubernetesClient client, String namespace, CloudCredentialsRef credentials) {
        Secret secret = client.secrets().inNamespace(namespace).withName(credentials.getSecretName()).get();
        if (secret != null && secret.getStringData() != null && secret.getStringData().get(SECRET_KEY) != null) {
            return secret.getStringData().get(SECRET_KEY).trim();
        }
        if (secret != null && secret.getData() != null && secret.getData().get(SECRET_KEY) != null) {
            return new String(Base64.getDecoder().decode(secret.getData().get(SECRET_KEY)), StandardCharsets.UTF_8).trim();
        }
        return ClaimObjects.DEFAULT_CSI_DRIVER;
    }
}
