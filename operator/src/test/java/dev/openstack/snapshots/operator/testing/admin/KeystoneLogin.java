package dev.openstack.snapshots.operator.testing.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** Logs in to Keystone v3 as one clouds.yaml entry (password or application credential). */
public final class KeystoneLogin {

    private KeystoneLogin() {
    }

    public static AdminSession login(CloudEntry cloud) {
        AdminHttp.Answer answer = tryLogin(cloud);
        answer.expectOk("Keystone login of cloud " + cloud.name());
        return session(cloud, answer);
    }

    /** The raw answer to a login attempt: 201, or 401 for wrong credentials. */
    public static AdminHttp.Answer tryLogin(CloudEntry cloud) {
        return AdminHttp.callOnFreshConnection("POST", tokensUrl(cloud), authBody(cloud));
    }

    public static String tokensUrl(CloudEntry cloud) {
        String base = cloud.authUrl().replaceAll("/+$", "");
        if (!base.endsWith("/v3")) {
            base = base + "/v3";
        }
        return base + "/auth/tokens";
    }

    private static Map<String, Object> authBody(CloudEntry cloud) {
        if (cloud.isApplicationCredential()) {
            return Map.of("auth", Map.of("identity", Map.of(
                    "methods", List.of("application_credential"),
                    "application_credential", Map.of(
                            "id", cloud.applicationCredentialId(),
                            "secret", cloud.applicationCredentialSecret()))));
        }
        Map<String, Object> project = cloud.projectId() != null
                ? Map.of("id", cloud.projectId())
                : Map.of("name", cloud.projectName(), "domain", Map.of("name", cloud.projectDomainName()));
        return Map.of("auth", Map.of(
                "identity", Map.of(
                        "methods", List.of("password"),
                        "password", Map.of("user", Map.of(
                                "name", cloud.username(),
                                "domain", Map.of("name", cloud.userDomainName()),
                                "password", cloud.password()))),
                "scope", Map.of("project", project)));
    }

    private static AdminSession session(CloudEntry cloud, AdminHttp.Answer answer) {
        JsonNode token = answer.body().path("token");
        String cinder = null;
        for (String type : List.of("block-storage", "volumev3")) {
            for (JsonNode service : token.path("catalog")) {
                if (!type.equals(service.path("type").asText())) {
                    continue;
                }
                for (JsonNode endpoint : service.path("endpoints")) {
                    boolean region = cloud.regionName() == null
                            || cloud.regionName().equals(endpoint.path("region_id").asText())
                            || cloud.regionName().equals(endpoint.path("region").asText());
                    if (region && cloud.endpointInterface().equals(endpoint.path("interface").asText())) {
                        cinder = endpoint.path("url").asText().replaceAll("/+$", "");
                        break;
                    }
                }
                if (cinder != null) {
                    break;
                }
            }
            if (cinder != null) {
                break;
            }
        }
        if (cinder == null) {
            throw new IllegalStateException("cloud " + cloud.name() + ": no block-storage endpoint in the catalog");
        }
        String keystone = tokensUrl(cloud).replaceAll("/auth/tokens$", "");
        return new AdminSession(cloud.name(), answer.subjectToken(), token.path("project").path("id").asText(),
                token.path("user").path("id").asText(), cinder, keystone);
    }
}
