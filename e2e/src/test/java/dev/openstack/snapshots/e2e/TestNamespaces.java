package dev.openstack.snapshots.e2e;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** Namespaces for e2e tests, each with a clouds.yaml Secret, as a user prepares them. */
public final class TestNamespaces {

    /** The clouds.yaml Secret's name in every test namespace. */
    public static final String SECRET = "openstack-clouds";

    private TestNamespaces() {
    }

    /** Namespace {@code namespace} with the Secret {@value #SECRET} holding {@code cloudsYaml}. */
    public static void createWithClouds(KubernetesClient kubernetes, String namespace, String cloudsYaml) {
        kubernetes.resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build()).create();
        putSecret(kubernetes, namespace, SECRET, cloudsYaml);
    }

    public static Secret putSecret(KubernetesClient kubernetes, String namespace, String name, String cloudsYaml) {
        Secret secret = new SecretBuilder().withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
                .withData(Map.of("clouds.yaml",
                        Base64.getEncoder().encodeToString(cloudsYaml.getBytes(StandardCharsets.UTF_8))))
                .build();
        return kubernetes.resource(secret).createOr(existing -> existing.update());
    }
}
