package dev.openstack.snapshots.operator.cloud;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Keystone v3 password auth, scoped to a project. The user is named by id, or by name plus a domain;
 * the project likewise. Domains were already resolved with the OpenStack SDK fallbacks (see CloudsYaml).
 */
public record PasswordCredentials(
        String userId,
        String username,
        String userDomainId,
        String userDomainName,
        String password,
        String projectId,
        String projectName,
        String projectDomainId,
        String projectDomainName) implements KeystoneCredentials {

    @Override
    public ObjectNode authRequest(JsonNodeFactory json) {
        ObjectNode user = json.objectNode();
        if (userId != null) {
            user.put("id", userId);
        } else {
            user.put("name", username);
            user.set("domain", domain(json, userDomainId, userDomainName));
        }
        user.put("password", password);
        ObjectNode auth = json.objectNode();
        ObjectNode identity = auth.putObject("identity");
        identity.putArray("methods").add("password");
        identity.putObject("password").set("user", user);
        ObjectNode project = json.objectNode();
        if (projectId != null) {
            project.put("id", projectId);
        } else {
            project.put("name", projectName);
            project.set("domain", domain(json, projectDomainId, projectDomainName));
        }
        auth.putObject("scope").set("project", project);
        return auth;
    }

    private static ObjectNode domain(JsonNodeFactory json, String id, String name) {
        ObjectNode domain = json.objectNode();
        if (id != null) {
            domain.put("id", id);
        } else {
            domain.put("name", name);
        }
        return domain;
    }

    @Override
    public String secret() {
        return password;
    }

    @Override
    public String authType() {
        return "password";
    }

    @Override
    public String toString() {
        return "PasswordCredentials[user=" + (userId != null ? userId : username) + ", project="
                + (projectId != null ? projectId : projectName) + ", password=***]";
    }
}
