package dev.openstack.snapshots.operator.cinder.openstack;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.openstack.snapshots.operator.cinder.BlockStorage;
import dev.openstack.snapshots.operator.cloud.OpenStackSettings;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.time.Clock;
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
    void secretIsCachedPerResourceVersion() {
        OpenStackClouds clouds = new OpenStackClouds(OpenStackSettings.defaults(), Clock.systemUTC());
        BlockStorage first = clouds.blockStorage(secret("1"), "lab");
        assertSame(first, clouds.blockStorage(secret("1"), "lab"));
        assertNotSame(first, clouds.blockStorage(secret("2"), "lab"));
    }

    private static Secret secret(String version) {
        return new SecretBuilder().withNewMetadata().withName("creds").withNamespace("ns").withUid("u1")
                .withResourceVersion(version).endMetadata().addToStringData("clouds.yaml", CLOUDS_YAML).build();
    }
}
