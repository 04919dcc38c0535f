package dev.openstack.snapshots.operator.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The credential examples a user copies render a clouds.yaml the operator accepts: the application-credential
 * Secret as it is, the ExternalSecret after ESO fills in its template, the SealedSecret's target name and namespace
 * are those the objects refer to.
 */
class GitOpsSecretExamplesTest {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Path EXAMPLES = Path.of(System.getProperty("basedir", ".")).toAbsolutePath()
            .resolveSibling("examples");

    @Test
    void applicationCredentialSecretParsesAsAnApplicationCredential() throws IOException {
        JsonNode secret = YAML.readTree(EXAMPLES.resolve("clouds-secret-application-credential.yaml").toFile());
        CloudSettings cloud = CloudsYaml.parse(secret.path("stringData").path("clouds.yaml").asText(), "openstack", null);
        assertInstanceOf(ApplicationCredentials.class, cloud.credentials());
        assertEquals("RegionOne", cloud.regionName());
    }

    @Test
    void externalSecretTemplateRendersAnApplicationCredentialCloudsYaml() throws IOException {
        JsonNode external = YAML.readTree(EXAMPLES.resolve("gitops/external-secret.yaml").toFile());
        assertEquals("openstack-clouds", external.path("spec").path("target").path("name").asText());
        // what ESO's template engine does with the two keys fetched from the store
        String rendered = external.path("spec").path("target").path("template").path("data").path("clouds.yaml").asText()
                .replace("{{ .id }}", "6c3f7a0e9b8d4f2a8e1d5c7b9a0f1e2d").replace("{{ .secret }}", "s3cr3t");
        CloudSettings cloud = CloudsYaml.parse(rendered, "openstack", null);
        assertInstanceOf(ApplicationCredentials.class, cloud.credentials());
        assertEquals("https://keystone.example.com/v3", cloud.authUrl());
    }

    @Test
    void sealedSecretUnsealsIntoTheSecretTheExamplesName() throws IOException {
        JsonNode sealed = YAML.readTree(EXAMPLES.resolve("gitops/sealed-secret.yaml").toFile());
        JsonNode template = sealed.path("spec").path("template").path("metadata");
        JsonNode plain = YAML.readTree(EXAMPLES.resolve("clouds-secret.yaml").toFile());
        assertEquals(plain.path("metadata").path("name").asText(), template.path("name").asText());
        assertEquals(plain.path("metadata").path("namespace").asText(), template.path("namespace").asText());
        assertEquals(true, sealed.path("spec").path("encryptedData").has("clouds.yaml"));
    }
}
