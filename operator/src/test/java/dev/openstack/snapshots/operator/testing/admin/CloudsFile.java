package dev.openstack.snapshots.operator.testing.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A clouds.yaml as the e2e tests and the sandbox's real-cloud benchmark hand it around: its text (what goes into a
 * Secret) and single entries (for their own Keystone/Cinder calls, which must not go through the code under test).
 */
public final class CloudsFile {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final ObjectNode root;

    private CloudsFile(ObjectNode root) {
        this.root = root;
    }

    public static CloudsFile read(Path file) {
        try {
            JsonNode root = YAML.readTree(Files.readString(file));
            if (root == null || !root.path("clouds").isObject()) {
                throw new IllegalStateException(file + " has no 'clouds:' mapping");
            }
            return new CloudsFile((ObjectNode) root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public boolean has(String cloud) {
        return root.path("clouds").has(cloud);
    }

    public List<String> names() {
        List<String> names = new ArrayList<>();
        root.path("clouds").fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** A clouds.yaml holding only {@code cloud} (what a user would put into the Secret). */
    public String yamlOf(String cloud) {
        return yaml(only(cloud));
    }

    /** A clouds.yaml holding only {@code cloud}, with its password (or application credential secret) replaced. */
    public String yamlWithWrongSecret(String cloud, String wrongSecret) {
        ObjectNode copy = only(cloud);
        ObjectNode auth = (ObjectNode) copy.path("clouds").path(cloud).path("auth");
        if (auth.has("application_credential_secret")) {
            auth.put("application_credential_secret", wrongSecret);
        } else {
            auth.put("password", wrongSecret);
        }
        return yaml(copy);
    }

    public CloudEntry entry(String cloud) {
        JsonNode c = root.path("clouds").path(cloud);
        if (!c.isObject()) {
            throw new IllegalArgumentException("no cloud '" + cloud + "' in the clouds.yaml");
        }
        JsonNode auth = c.path("auth");
        return new CloudEntry(cloud,
                text(c, "auth_type", "password"),
                text(auth, "auth_url", null),
                text(auth, "username", null),
                text(auth, "password", null),
                text(auth, "project_name", null),
                text(auth, "project_id", null),
                text(auth, "user_domain_name", "Default"),
                text(auth, "project_domain_name", "Default"),
                text(auth, "application_credential_id", null),
                text(auth, "application_credential_secret", null),
                text(c, "region_name", null),
                text(c, "interface", "public"));
    }

    private ObjectNode only(String cloud) {
        ObjectNode copy = YAML.createObjectNode();
        copy.putObject("clouds").set(cloud, root.path("clouds").path(cloud).deepCopy());
        return copy;
    }

    private static String yaml(JsonNode node) {
        try {
            return YAML.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? fallback : value.asText();
    }
}
