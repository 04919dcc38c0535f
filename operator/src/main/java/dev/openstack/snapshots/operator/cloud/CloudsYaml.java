package dev.openstack.snapshots.operator.cloud;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads one cloud out of a clouds.yaml, the file format of the OpenStack SDK / CLI and of k-orc.
 * Every message names the problem (cloud, key) and never a value, because values may be secrets.
 */
public final class CloudsYaml {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> PASSWORD_TYPES = Set.of("password", "v3password");
    private static final Set<String> APP_CREDENTIAL_TYPES = Set.of("v3applicationcredential", "applicationcredential");
    private static final Set<String> INTERFACES = Set.of("public", "internal", "admin");

    private CloudsYaml() {
    }

    /**
     * @param yaml the clouds.yaml text
     * @param cloudName the entry under {@code clouds:}
     * @param caCertificatePem the Secret's {@code cacert}, or null
     */
    public static CloudSettings parse(String yaml, String cloudName, String caCertificatePem) {
        JsonNode root = read(yaml);
        JsonNode clouds = root.path("clouds");
        if (!clouds.isObject()) {
            throw new CloudConfigurationException("clouds.yaml has no 'clouds:' mapping");
        }
        JsonNode cloud = clouds.get(cloudName);
        if (cloud == null || !cloud.isObject()) {
            List<String> known = new ArrayList<>();
            clouds.fieldNames().forEachRemaining(known::add);
            throw new CloudConfigurationException(
                    "cloud '" + cloudName + "' is not in clouds.yaml (known clouds: " + String.join(", ", known) + ")");
        }
        Fields auth = new Fields(cloudName, "auth", cloud.path("auth"));
        Fields top = new Fields(cloudName, null, cloud);
        String authType = top.optional("auth_type");
        String authUrl = AuthUrl.parse(cloudName, auth.required("auth_url"));
        KeystoneCredentials credentials;
        String type = authType == null ? "password" : authType.toLowerCase(Locale.ROOT);
        if (PASSWORD_TYPES.contains(type)) {
            credentials = password(cloudName, auth);
        } else if (APP_CREDENTIAL_TYPES.contains(type)) {
            credentials = applicationCredential(cloudName, auth);
        } else {
            throw new CloudConfigurationException("cloud '" + cloudName + "': auth_type '" + authType
                    + "' is not supported (supported: password, v3applicationcredential)");
        }
        String endpointInterface = top.optional("interface");
        endpointInterface = endpointInterface == null ? "public" : endpointInterface.toLowerCase(Locale.ROOT);
        if (endpointInterface.endsWith("url")) {
            endpointInterface = endpointInterface.substring(0, endpointInterface.length() - 3);
        }
        if (!INTERFACES.contains(endpointInterface)) {
            throw new CloudConfigurationException("cloud '" + cloudName + "': interface must be public, internal or admin");
        }
        boolean verify = verify(cloudName, cloud.get("verify"));
        String cacert = caCertificatePem == null || caCertificatePem.isBlank() ? null : caCertificatePem;
        return new CloudSettings(cloudName, authUrl, credentials, top.optional("region_name"), endpointInterface, verify, cacert);
    }

    private static JsonNode read(String yaml) {
        if (yaml == null || yaml.isBlank()) {
            throw new CloudConfigurationException("clouds.yaml is empty");
        }
        try {
            JsonNode root = YAML.readTree(yaml);
            if (root == null || !root.isObject()) {
                throw new CloudConfigurationException("clouds.yaml is not a YAML mapping");
            }
            return root;
        } catch (JsonProcessingException e) {
            // Jackson's message quotes the offending text, which may be a password: keep only the position.
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr();
            throw new CloudConfigurationException("clouds.yaml is not valid YAML" + where);
        }
    }

    private static PasswordCredentials password(String cloud, Fields auth) {
        String userId = auth.optional("user_id");
        String username = auth.optional("username");
        if (userId == null && username == null) {
            throw auth.missing("username or user_id");
        }
        String password = auth.required("password");
        String projectId = auth.optional("project_id", "tenant_id");
        String projectName = auth.optional("project_name", "tenant_name");
        if (projectId == null && projectName == null) {
            throw auth.missing("project_name or project_id");
        }
        // The OpenStack SDK's fallbacks: domain_* and default_domain stand in for the user and project domains.
        String domainId = auth.optional("domain_id", "default_domain");
        String domainName = auth.optional("domain_name");
        String userDomainId = auth.optional("user_domain_id");
        String userDomainName = auth.optional("user_domain_name");
        if (userDomainId == null && userDomainName == null) {
            userDomainId = domainId;
            userDomainName = domainName;
        }
        String projectDomainId = auth.optional("project_domain_id");
        String projectDomainName = auth.optional("project_domain_name");
        if (projectDomainId == null && projectDomainName == null) {
            projectDomainId = domainId;
            projectDomainName = domainName;
        }
        if (userId == null && userDomainId == null && userDomainName == null) {
            throw auth.missing("user_domain_name or user_domain_id (needed with username)");
        }
        if (projectId == null && projectDomainId == null && projectDomainName == null) {
            throw auth.missing("project_domain_name or project_domain_id (needed with project_name)");
        }
        return new PasswordCredentials(userId, username, userDomainId, userDomainName, password,
                projectId, projectName, projectDomainId, projectDomainName);
    }

    private static ApplicationCredentials applicationCredential(String cloud, Fields auth) {
        String id = auth.optional("application_credential_id");
        String name = auth.optional("application_credential_name");
        String secret = auth.required("application_credential_secret");
        if (id == null && name == null) {
            throw auth.missing("application_credential_id or application_credential_name");
        }
        String userId = auth.optional("user_id");
        String username = auth.optional("username");
        String userDomainId = auth.optional("user_domain_id", "domain_id", "default_domain");
        String userDomainName = auth.optional("user_domain_name", "domain_name");
        if (id == null) {
            if (userId == null && username == null) {
                throw auth.missing("username or user_id (needed with application_credential_name)");
            }
            if (userId == null && userDomainId == null && userDomainName == null) {
                throw auth.missing("user_domain_name or user_domain_id (needed with username)");
            }
        }
        return new ApplicationCredentials(id, name, userId, username, userDomainId, userDomainName, secret);
    }

    private static boolean verify(String cloud, JsonNode verify) {
        if (verify == null || verify.isNull()) {
            return true;
        }
        if (verify.isBoolean()) {
            return verify.booleanValue();
        }
        String text = verify.asText().trim().toLowerCase(Locale.ROOT);
        if (text.equals("true") || text.equals("yes")) {
            return true;
        }
        if (text.equals("false") || text.equals("no")) {
            return false;
        }
        throw new CloudConfigurationException("cloud '" + cloud + "': verify must be true or false"
                + " (put a CA certificate under the Secret key 'cacert' instead of a path)");
    }

    /** Scalar fields of one mapping, with messages that name the cloud and the key. */
    private record Fields(String cloud, String section, JsonNode node) {

        String optional(String... keys) {
            for (String key : keys) {
                JsonNode value = node.get(key);
                if (value != null && !value.isNull() && !value.isContainerNode() && !value.asText().isBlank()) {
                    return value.asText();
                }
            }
            return null;
        }

        String required(String key) {
            String value = optional(key);
            if (value == null) {
                throw missing(key);
            }
            return value;
        }

        CloudConfigurationException missing(String what) {
            String where = section == null ? "" : section + ".";
            return new CloudConfigurationException("cloud '" + cloud + "': " + where + what + " is missing");
        }
    }
}
