package dev.openstack.snapshots.operator.cloud;

import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The Secret an object names in {@code cloudCredentialsRef}: its key {@value #CLOUDS_YAML_KEY} (required) and
 * {@value #CACERT_KEY} (optional), read from {@code stringData} or {@code data}. Messages name the Secret and the key,
 * never a value.
 */
public final class CloudsSecret {

    public static final String CLOUDS_YAML_KEY = "clouds.yaml";
    public static final String CACERT_KEY = "cacert";

    private CloudsSecret() {
    }

    /** One cloud of the Secret's clouds.yaml, validated; a CloudConfigurationException naming the Secret otherwise. */
    public static CloudSettings settings(Secret secret, String cloudName) {
        String where = "Secret " + secret.getMetadata().getNamespace() + "/" + secret.getMetadata().getName();
        String yaml = value(secret, CLOUDS_YAML_KEY, where);
        if (yaml == null) {
            throw new CloudConfigurationException(where + " has no key '" + CLOUDS_YAML_KEY + "'");
        }
        String cacert = value(secret, CACERT_KEY, where);
        try {
            return CloudsYaml.parse(yaml, cloudName, cacert);
        } catch (CloudConfigurationException e) {
            throw new CloudConfigurationException(where + ": " + e.getMessage());
        }
    }

    /**
     * A digest of what a connection is made of - the Secret's clouds.yaml and cacert as stored - so that a write that
     * changes neither (the operator's own in-use finalizer, a label) is told apart from new credentials.
     */
    public static String contentDigest(Secret secret) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
        for (String key : new String[] {CLOUDS_YAML_KEY, CACERT_KEY}) {
            String fromStringData = secret.getStringData() == null ? null : secret.getStringData().get(key);
            String fromData = secret.getData() == null ? null : secret.getData().get(key);
            sha.update((key + "\0" + fromStringData + "\0" + fromData + "\0").getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static String value(Secret secret, String key, String where) {
        if (secret.getStringData() != null && secret.getStringData().get(key) != null) {
            return secret.getStringData().get(key);
        }
        if (secret.getData() == null || secret.getData().get(key) == null) {
            return null;
        }
        try {
            return new String(Base64.getMimeDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new CloudConfigurationException(where + ": key '" + key + "' is not valid base64");
        }
    }
}
