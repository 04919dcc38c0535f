package dev.openstack.snapshots.simulator.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openstack.snapshots.simulator.errors.CinderFault;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cinder 21 (2023.1) request schemas, transcribed from {@code cinder/api/schemas/{snapshots,volumes,
 * volume_metadata}.py} and {@code cinder/api/validation/parameter_types.py}. Property order matters: it decides
 * which error is reported first.
 */
public final class CinderSchemas {

    private static final String METADATA_KEY = "^[a-zA-Z0-9-_:. /]{1,255}$";

    private CinderSchemas() {
    }

    static Schema nameAllowZeroMinLength() {
        return Schema.create().type("string", "null").minLength(0).maxLength(255);
    }

    static Schema description() {
        return Schema.create().type("string", "null").minLength(0).maxLength(255);
    }

    static Schema uuid() {
        return Schema.create().type("string").uuidFormat();
    }

    static Schema uuidAllowNull() {
        return Schema.create().oneOf(uuid(), Schema.create().type("null"));
    }

    static Schema optionalUuid() {
        return Schema.create().oneOf(Schema.create().type("null"), uuid());
    }

    static Schema booleanValue() {
        return Schema.create().type("boolean", "string").enumOf(List.of(true, "True", "TRUE", "true", "1", "ON", "On", "on",
                "YES", "Yes", "yes", "y", "t", false, "False", "FALSE", "false", "0", "OFF", "Off", "off", "NO", "No", "no", "n", "f"));
    }

    static Schema optionalBoolean() {
        return Schema.create().oneOf(Schema.create().type("null"), booleanValue());
    }

    static Schema extraSpecs(String... types) {
        return Schema.create().type(types)
                .patternProperties(METADATA_KEY, Schema.create().type("string").maxLength(255));
    }

    static Schema volumeSizeAllowsNull() {
        return Schema.create().type("integer", "string", "null").pattern("^[0-9]+$").minimum(1).maximum(Integer.MAX_VALUE);
    }

    /** Cinder's {@code *_non_mandatory_remove_white_spaces} formats: they raise InvalidInput, not a schema error. */
    static Schema stringLengthFormat(String type, String entity) {
        return Schema.create().type(type, "null").custom(value -> {
            if (value.isTextual() && !value.textValue().isEmpty()) {
                String stripped = value.textValue().strip();
                int length = stripped.codePointCount(0, stripped.length());
                if (length > 255) {
                    throw CinderFault.badRequest("Invalid input received: " + entity + " has " + length
                            + " characters, more than 255.");
                }
            }
        });
    }

    private static Schema envelope(String key, Schema inner) {
        return Schema.create().type("object").properties(Map.of(key, inner)).required(key).noAdditionalProperties(List.of(key, "type"));
    }

    public static final Schema SNAPSHOT_CREATE;
    public static final Schema SNAPSHOT_UPDATE;
    public static final Schema VOLUME_CREATE;
    public static final Schema VOLUME_UPDATE;
    public static final Schema VOLUME_METADATA_CREATE;
    public static final Schema VOLUME_METADATA_UPDATE;

    static {
        Map<String, Schema> snap = new LinkedHashMap<>();
        snap.put("name", nameAllowZeroMinLength());
        snap.put("display_name", nameAllowZeroMinLength());
        snap.put("description", description());
        snap.put("volume_id", uuidAllowNull());
        snap.put("force", booleanValue());
        snap.put("metadata", extraSpecs("object", "null"));
        SNAPSHOT_CREATE = envelope("snapshot", Schema.create().type("object").properties(snap).required("volume_id")
                .noAdditionalProperties(snap.keySet()));

        Map<String, Schema> snapUpdate = new LinkedHashMap<>();
        snapUpdate.put("name", nameAllowZeroMinLength());
        snapUpdate.put("description", description());
        snapUpdate.put("display_name", nameAllowZeroMinLength());
        snapUpdate.put("display_description", description());
        SNAPSHOT_UPDATE = envelope("snapshot", Schema.create().type("object").properties(snapUpdate)
                .noAdditionalProperties(snapUpdate.keySet())
                .anyOf(Schema.create().required("name"), Schema.create().required("description"),
                        Schema.create().required("display_name"), Schema.create().required("display_description")));

        // additionalProperties is True for volume create before 3.53; the simulator keeps that lenient default.
        Map<String, Schema> vol = new LinkedHashMap<>();
        vol.put("name", stringLengthFormat("string", "name"));
        vol.put("description", stringLengthFormat("string", "description"));
        vol.put("display_name", stringLengthFormat("string", "name"));
        vol.put("display_description", stringLengthFormat("string", "description"));
        vol.put("volume_type", nameAllowZeroMinLength());
        vol.put("metadata", extraSpecs("object", "null"));
        vol.put("snapshot_id", optionalUuid());
        vol.put("source_volid", optionalUuid());
        vol.put("consistencygroup_id", optionalUuid());
        vol.put("size", volumeSizeAllowsNull());
        vol.put("availability_zone", Schema.create().type("string", "null").minLength(1).maxLength(255));
        vol.put("multiattach", optionalBoolean());
        vol.put("image_id", Schema.create().type("string", "null").minLength(0).maxLength(255));
        vol.put("imageRef", Schema.create().type("string", "null").minLength(0).maxLength(255));
        Map<String, Schema> volTop = new LinkedHashMap<>();
        volTop.put("volume", Schema.create().type("object").properties(vol));
        volTop.put("OS-SCH-HNT:scheduler_hints", Schema.create().type("object", "null"));
        VOLUME_CREATE = Schema.create().type("object").properties(volTop).required("volume").noAdditionalProperties(volTop.keySet());

        Map<String, Schema> volUpdate = new LinkedHashMap<>();
        volUpdate.put("name", stringLengthFormat("string", "name"));
        volUpdate.put("description", stringLengthFormat("string", "description"));
        volUpdate.put("display_name", stringLengthFormat("string", "name"));
        volUpdate.put("display_description", stringLengthFormat("string", "description"));
        volUpdate.put("metadata", extraSpecs("object"));
        VOLUME_UPDATE = envelope("volume", Schema.create().type("object").properties(volUpdate).noAdditionalProperties(volUpdate.keySet()));

        VOLUME_METADATA_CREATE = envelope("metadata", extraSpecs("object"));
        VOLUME_METADATA_UPDATE = envelope("meta", extraSpecs("object").minProperties(1).maxProperties(1));
    }

    /** Validates or throws Cinder's 400. */
    public static void check(Schema schema, JsonNode body) {
        schema.validate(body).ifPresent(v -> {
            throw v.toFault();
        });
    }
}
