package dev.openstack.snapshots.operator.cinder.openstack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openstack.snapshots.operator.cinder.CinderSnapshot;
import dev.openstack.snapshots.operator.cinder.CinderVolume;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Cinder's JSON views turned into the port's records, keeping Cinder's own status words. */
final class CinderJson {

    private CinderJson() {
    }

    static CinderSnapshot snapshot(JsonNode s) {
        return new CinderSnapshot(
                text(s, "id"), text(s, "name"), text(s, "description"), text(s, "status"), text(s, "volume_id"),
                s.path("size").asInt(0), metadata(s.path("metadata")), time(s, "created_at"), time(s, "updated_at"));
    }

    static CinderVolume volume(JsonNode v) {
        List<String> devices = new ArrayList<>();
        for (JsonNode attachment : v.path("attachments")) {
            String device = text(attachment, "device");
            if (device != null) {
                devices.add(device);
            }
        }
        return new CinderVolume(
                text(v, "id"), text(v, "name"), text(v, "description"), text(v, "status"), v.path("size").asInt(0),
                text(v, "snapshot_id"), text(v, "volume_type"), text(v, "availability_zone"), metadata(v.path("metadata")),
                devices, time(v, "created_at"), time(v, "updated_at"));
    }

    static Map<String, String> metadata(JsonNode node) {
        Map<String, String> metadata = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> metadata.put(e.getKey(), e.getValue().asText()));
        return metadata;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** Cinder writes naive UTC timestamps ("2024-05-01T10:00:00.000000"), newer releases with an offset. */
    static Instant time(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }
}
