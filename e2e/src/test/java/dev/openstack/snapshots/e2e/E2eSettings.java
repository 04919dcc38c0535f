package dev.openstack.snapshots.e2e;

import dev.openstack.snapshots.operator.testing.admin.CloudEntry;
import dev.openstack.snapshots.operator.testing.admin.CloudsFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Which real cloud the e2e tests use. Each setting is a system property ({@code -De2e.cloud=...}) or,
 * failing that, an environment variable ({@code E2E_CLOUD=...}):
 *
 * <ul>
 *   <li>{@code e2e.clouds.yaml} / {@code E2E_CLOUDS_YAML}: the clouds.yaml; without it every e2e test is skipped
 *   <li>{@code e2e.cloud} / {@code E2E_CLOUD}: the cloud the operator works in (default {@code e2e})
 *   <li>{@code e2e.admin.cloud} / {@code E2E_ADMIN_CLOUD}: an admin of that cloud, for quota changes and
 *       status resets (default {@code e2e-admin} when the file has it; tests needing it are skipped otherwise)
 *   <li>{@code e2e.appcred.cloud} / {@code E2E_APPCRED_CLOUD}: a v3applicationcredential cloud (default {@code e2e-appcred})
 *   <li>{@code e2e.quota.cloud} / {@code E2E_QUOTA_CLOUD}: a project whose quotas the admin may lower for a
 *       while (default {@code e2e-quota})
 *   <li>{@code e2e.mutate.quotas} / {@code E2E_MUTATE_QUOTAS}: {@code true} allows the quota tests to lower
 *       the snapshot quota of the operator's project and of the quota project for a few seconds (default false)
 * </ul>
 * An optional cloud set to {@code none} is treated as absent.
 */
public record E2eSettings(
        CloudsFile clouds,
        String cloud,
        Optional<String> adminCloud,
        Optional<String> appCredentialCloud,
        Optional<String> quotaCloud,
        boolean mutateQuotas) {

    /** The property that makes a missing clouds.yaml a failure instead of a skip (the {@code e2e} profile sets it). */
    public static final String REQUIRED_PROPERTY = "e2e.required";

    private static volatile Optional<E2eSettings> cached;

    public static Optional<E2eSettings> fromEnvironment() {
        Optional<E2eSettings> settings = cached;
        if (settings == null) {
            settings = read();
            cached = settings;
        }
        return settings;
    }

    public CloudEntry entry() {
        return clouds.entry(cloud);
    }

    public static boolean required() {
        return Boolean.parseBoolean(System.getProperty(REQUIRED_PROPERTY, "false"));
    }

    private static Optional<E2eSettings> read() {
        String path = setting("e2e.clouds.yaml", "E2E_CLOUDS_YAML");
        if (path == null) {
            return Optional.empty();
        }
        Path file = Path.of(path);
        if (!Files.isReadable(file)) {
            throw new IllegalStateException("E2E_CLOUDS_YAML names " + file + ", which cannot be read");
        }
        CloudsFile clouds = CloudsFile.read(file);
        String cloud = orDefault(setting("e2e.cloud", "E2E_CLOUD"), "e2e");
        if (!clouds.has(cloud)) {
            throw new IllegalStateException("cloud '" + cloud + "' is not in " + file + " (clouds: " + clouds.names() + ")");
        }
        return Optional.of(new E2eSettings(clouds, cloud,
                optionalCloud(clouds, setting("e2e.admin.cloud", "E2E_ADMIN_CLOUD"), "e2e-admin"),
                optionalCloud(clouds, setting("e2e.appcred.cloud", "E2E_APPCRED_CLOUD"), "e2e-appcred"),
                optionalCloud(clouds, setting("e2e.quota.cloud", "E2E_QUOTA_CLOUD"), "e2e-quota"),
                Boolean.parseBoolean(setting("e2e.mutate.quotas", "E2E_MUTATE_QUOTAS"))));
    }

    private static Optional<String> optionalCloud(CloudsFile clouds, String given, String conventional) {
        if ("none".equals(given)) {
            return Optional.empty();
        }
        if (given != null) {
            if (!clouds.has(given)) {
                throw new IllegalStateException("cloud '" + given + "' is not in the clouds.yaml (clouds: " + clouds.names() + ")");
            }
            return Optional.of(given);
        }
        return clouds.has(conventional) ? Optional.of(conventional) : Optional.empty();
    }

    private static String setting(String property, String variable) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(variable);
        }
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
