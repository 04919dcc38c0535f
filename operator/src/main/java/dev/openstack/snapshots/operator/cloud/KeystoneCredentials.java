package dev.openstack.snapshots.operator.cloud;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What Keystone needs to issue a project-scoped token. Implementations override {@code toString} so that
 * a secret can never reach a log line or a message by accident.
 */
public sealed interface KeystoneCredentials permits PasswordCredentials, ApplicationCredentials {

    /** The {@code auth} object of {@code POST /v3/auth/tokens}. */
    ObjectNode authRequest(JsonNodeFactory json);

    /** The clouds.yaml auth type, for messages. */
    String authType();

    /** The secret itself, so that text quoted back by a server can be scrubbed of it. */
    String secret();

    /** {@code text} with every occurrence of the secret replaced by ***. */
    default String redact(String text) {
        String secret = secret();
        return text == null || secret == null || secret.isEmpty() ? text : text.replace(secret, "***");
    }
}
