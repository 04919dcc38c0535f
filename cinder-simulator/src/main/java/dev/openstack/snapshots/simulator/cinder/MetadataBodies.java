package dev.openstack.snapshots.simulator.cinder;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openstack.snapshots.simulator.errors.CinderFault;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Snapshot metadata bodies. Unlike volume metadata these have no JSON schema in Cinder 21: the controller checks
 * them by hand ({@code assert_valid_body}, {@code utils.check_metadata_properties}), with different messages.
 */
final class MetadataBodies {

    private MetadataBodies() {
    }

    /** {@code assert_valid_body(body, key)} then {@code check_metadata_properties}. */
    static Map<String, String> snapshotMetadata(JsonNode body, String key) {
        if (body == null || !body.isObject() || !body.has(key) || !body.get(key).isObject()) {
            throw CinderFault.badRequest("Missing required element '" + key + "' in request body.");
        }
        Map<String, String> result = new LinkedHashMap<>();
        var it = body.get(key).fields();
        while (it.hasNext()) {
            var e = it.next();
            String k = e.getKey();
            if (k.isEmpty()) {
                throw CinderFault.badRequest("Invalid metadata: Invalid input received: Metadata key: " + k
                        + " has 0 characters, less than 1.");
            }
            if (!e.getValue().isTextual()) {
                throw CinderFault.badRequest("Invalid metadata: Invalid input received: Value for metadata key: " + k
                        + " is not a string or unicode");
            }
            if (k.length() > 255) {
                throw new CinderFault(413, "overLimit", "Invalid metadata size: Metadata property key " + k
                        + " greater than 255 characters.");
            }
            if (e.getValue().textValue().length() > 255) {
                throw new CinderFault(413, "overLimit", "Invalid metadata size: Metadata property key " + k
                        + " value greater than 255 characters.");
            }
            result.put(k, e.getValue().textValue());
        }
        return result;
    }

    /** A body already validated by a metadata schema: string values only. */
    static Map<String, String> strings(JsonNode object) {
        Map<String, String> result = new LinkedHashMap<>();
        if (object != null && object.isObject()) {
            object.fields().forEachRemaining(e -> result.put(e.getKey(), e.getValue().textValue()));
        }
        return result;
    }

    /** Python truthiness of Cinder's boolean parameter type. */
    static boolean truthy(JsonNode value) {
        if (value == null || value.isNull()) {
            return false;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isNumber()) {
            return value.intValue() != 0;
        }
        return switch (value.asText().toLowerCase()) {
            case "true", "1", "on", "yes", "y", "t" -> true;
            default -> false;
        };
    }
}
