package dev.openstack.snapshots.operator.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class CloudsYamlTest {

    static final String PASSWORD = "s3cr3t-P4ss";

    static String yaml(String authBody, String extra) {
        return "clouds:\n  lab:\n    auth:\n" + authBody + extra;
    }

    static final String PASSWORD_AUTH = "      auth_url: https://keystone.example:5000\n      username: demo\n      password: " + PASSWORD
            + "\n      project_name: demo\n      domain_name: Default\n";

    @Test
    void passwordCloudWithDomainFallbackAndDefaults() {
        CloudSettings cloud = CloudsYaml.parse(yaml(PASSWORD_AUTH, "    region_name: RegionOne\n"), "lab", null);
        assertEquals("https://keystone.example:5000/v3", cloud.authUrl());
        PasswordCredentials credentials = assertInstanceOf(PasswordCredentials.class, cloud.credentials());
        assertEquals("Default", credentials.userDomainName());
        assertEquals("Default", credentials.projectDomainName());
        assertEquals("public", cloud.endpointInterface());
        assertTrue(cloud.verifyTls());
        assertFalse(cloud.toString().contains(PASSWORD));
        assertFalse(credentials.toString().contains(PASSWORD));
    }

    @Test
    void applicationCredentialCloud() {
        CloudSettings cloud = CloudsYaml.parse("clouds:\n  lab:\n    auth_type: v3applicationcredential\n    auth:\n"
                + "      auth_url: http://k:5000/v3\n      application_credential_id: abc\n      application_credential_secret: " + PASSWORD
                + "\n    interface: internal\n    verify: false\n", "lab", "");
        assertInstanceOf(ApplicationCredentials.class, cloud.credentials());
        assertEquals("internal", cloud.endpointInterface());
        assertFalse(cloud.verifyTls());
        assertFalse(cloud.credentials().toString().contains(PASSWORD));
    }

    @Test
    void problemsAreNamedWithoutSecrets() {
        assertMessage(yaml(PASSWORD_AUTH, ""), "nope", "cloud 'nope' is not in clouds.yaml (known clouds: lab)");
        assertMessage("clouds: [\n  password: " + PASSWORD, "lab", "not valid YAML");
        assertMessage(yaml(PASSWORD_AUTH.replace("      username: demo\n", ""), ""), "lab", "username or user_id is missing");
        assertMessage(yaml(PASSWORD_AUTH.replace("      password: " + PASSWORD + "\n", ""), ""), "lab", "auth.password is missing");
        assertMessage(yaml(PASSWORD_AUTH, "    auth_type: v3oidcpassword\n"), "lab", "auth_type 'v3oidcpassword' is not supported");
        assertMessage(yaml(PASSWORD_AUTH.replace("      domain_name: Default\n", ""), ""), "lab", "user_domain_name or user_domain_id");
        assertMessage(yaml(PASSWORD_AUTH, "    interface: sideways\n"), "lab", "interface must be public, internal or admin");
    }

    @Test
    void anAuthUrlThatIsNotHttpIsAConfigurationErrorThatShowsNoUserinfo() {
        for (String url : new String[] {"ftp://keystone.example/v3", "file:///etc/passwd", "keystone.example:5000", "http:///v3",
                "https://a b"}) {
            CloudConfigurationException e = assertThrows(CloudConfigurationException.class,
                    () -> CloudsYaml.parse(yaml(PASSWORD_AUTH.replace("https://keystone.example:5000", url), ""), "lab", null), url);
            assertTrue(e.getMessage().startsWith("cloud 'lab': auth_url "), e.getMessage());
        }
        CloudConfigurationException ftp = assertThrows(CloudConfigurationException.class, () -> CloudsYaml.parse(
                yaml(PASSWORD_AUTH.replace("https://keystone.example:5000", "ftp://demo:" + PASSWORD + "@keystone.example/v3"), ""),
                "lab", null));
        assertEquals("cloud 'lab': auth_url must be an http or https URL (got 'ftp://***@keystone.example/v3')", ftp.getMessage());
    }

    @Test
    void userinfoInTheAuthUrlIsDropped() {
        CloudSettings cloud = CloudsYaml.parse(yaml(PASSWORD_AUTH.replace("https://keystone.example:5000",
                "HTTPS://demo:" + PASSWORD + "@keystone.example:5000/identity/"), ""), "lab", null);
        assertEquals("https://keystone.example:5000/identity/v3", cloud.authUrl());
        assertFalse(cloud.toString().contains(PASSWORD));
        assertEquals("http://[::1]:5000/v3", CloudsYaml.parse(yaml(PASSWORD_AUTH.replace("https://keystone.example:5000",
                "http://u@[::1]:5000"), ""), "lab", null).authUrl());
    }

    @Test
    void secretWithoutTheKeyIsNamed() {
        Secret secret = new SecretBuilder().withNewMetadata().withName("creds").withNamespace("ns").withUid("u1").withResourceVersion("1")
                .endMetadata().addToData("other", Base64.getEncoder().encodeToString("x".getBytes(StandardCharsets.UTF_8))).build();
        CloudConfigurationException e = assertThrows(CloudConfigurationException.class,
                () -> CloudsSecret.settings(secret, "lab"));
        assertEquals("Secret ns/creds has no key 'clouds.yaml'", e.getMessage());
    }

    private static void assertMessage(String text, String cloud, String expected) {
        CloudConfigurationException e = assertThrows(CloudConfigurationException.class, () -> CloudsYaml.parse(text, cloud, null));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertFalse(e.getMessage().contains(PASSWORD), e.getMessage());
    }
}
