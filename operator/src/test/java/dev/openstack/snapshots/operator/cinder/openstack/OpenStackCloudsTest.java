package dev.openstack.snapshots.operator.cinder.openstack;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.openstack.snapshots.operator.cinder.BlockStorage;
import dev.openstack.snapshots.operator.cloud.OpenStackSettings;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The connection cache per Secret: no call to any cloud is made, connecting only builds the session. */
class OpenStackCloudsTest {

    private static final String CLOUDS_YAML = """
            clouds:
              lab:
                auth:
                  auth_url: https://keystone.example:5000
                  username: demo
                  password: s3cr3t
                  project_name: demo
                  domain_name: Default
            """;

    @Test
    void aSecretWriteThatKeepsItsContentsKeepsTheConnection() {
        OpenStackClouds clouds = new OpenStackClouds(OpenStackSettings.defaults(), Clock.systemUTC());
        BlockStorage first = clouds.blockStorage(secret("1", CLOUDS_YAML), "lab");
        assertSame(first, clouds.blockStorage(secret("1", CLOUDS_YAML), "lab"));
        // the operator's in-use finalizer is a write (new resourceVersion): it must not cost a new Keystone token
        Secret held = secret("2", CLOUDS_YAML);
        held.getMetadata().setFinalizers(List.of("blockstorage.openstack.dev/in-use"));
        assertSame(first, clouds.blockStorage(held, "lab"));
        // new credentials do take effect at once
        BlockStorage edited = clouds.blockStorage(secret("3", CLOUDS_YAML.replace("s3cr3t", "n3w")), "lab");
        assertNotSame(first, edited);
        assertNotSame(first, clouds.blockStorage(secret("4", CLOUDS_YAML), "lab"), "the old contents' connection was dropped");
    }

    private static Secret secret(String version, String cloudsYaml) {
        return new SecretBuilder().withNewMetadata().withName("creds").withNamespace("ns").withUid("u1")
                .withResourceVersion(version).endMetadata().addToStringData("clouds.yaml", cloudsYaml).build();
    }
}
