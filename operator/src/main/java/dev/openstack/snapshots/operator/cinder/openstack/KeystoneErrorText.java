package dev.openstack.snapshots.operator.cinder.openstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Keystone's error text: {@code {"error": {"code": N, "title": ..., "message": ...}}}. */
final class KeystoneErrorText {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private KeystoneErrorText() {
    }

    static String of(String body) {
        try {
            JsonNode message = MAPPER.readTree(body).path("error").path("message");
            if (message.isTextual()) {
                return message.asText();
            }
        } catch (Exception e) {
            // not JSON: fall through
        }
        return "no error message";
    }
}
