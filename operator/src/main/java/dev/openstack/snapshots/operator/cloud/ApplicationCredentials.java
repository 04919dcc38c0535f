package dev.openstack.snapshots.operator.cloud;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Keystone v3 application-credential auth: by id, or by name plus the owning user (name + domain, or id).
 * The token is scoped to the credential's project, so no scope is sent.
 */
public record ApplicationCredentials(
        String id,
        String name,
        String userId,
        String username,
        String userDomainId,
        String userDomainName,
        String secret) implements KeystoneCredentials {


    @Override
    public ObjectNode authRequest(JsonNodeFactory json) {
        ObjectNode credential = json.objectNode();
        if (id != null) {
            credential.put("id", id);
        } else {
            credential.put("name", name);
            ObjectNode user = credential.putObject("user");
            if (userId != null) {
                user.put("id", userId);
            } else {
                user.put("name", username);
                ObjectNode domain = user.putObject("domain");
                if (userDomainId != null) {
                    domain.put("id", userDomainId);
                } else {
                    domain.put("name", userDomainName);
                }
            }
        }
        credential.put("secret", secret);
        ObjectNode auth = json.objectNode();
        ObjectNode identity = auth.putObject("identity");
        identity.putArray("methods").add("application_credential");
        identity.set("application_credential", credential);
        return auth;
    }

    @Override
    public String authType() {
        return "v3applicationcredential";
    }

    @Override
    public String toString() {
        return "ApplicationCredentials[" + (id != null ? "id=" + id : "name=" + name) + ", secret=***]";
    }
}
