package dev.openstack.snapshots.simulator.cinder;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openstack.snapshots.simulator.errors.CinderFault;
import dev.openstack.snapshots.simulator.http.SimResponse;
import dev.openstack.snapshots.simulator.schema.Schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /os-quota-sets/{project}}: show (optionally with usage), defaults, update, delete (back to defaults). */
final class QuotaSetsApi {

    private static final Schema UPDATE = Schema.create().type("object")
            .properties(Map.of("quota_set", Schema.create().type("object").minProperties(1)))
            .required("quota_set");

    private final CinderState state;

    QuotaSetsApi(CinderState state) {
        this.state = state;
    }

    SimResponse show(CinderCall call, String project) {
        boolean usage = call.request().param("usage").map(v -> v.equalsIgnoreCase("true") || v.equals("1")).orElse(false);
        Map<String, Integer> limits = state.quotas().limits(project);
        Map<String, Object> set = new LinkedHashMap<>();
        if (usage) {
            Map<String, Long> inUse = state.store().read(() -> usage(project));
            limits.forEach((k, v) -> {
                Map<String, Object> u = new LinkedHashMap<>();
                u.put("limit", v);
                u.put("in_use", inUse.getOrDefault(k, 0L));
                u.put("reserved", 0);
                set.put(k, u);
            });
        } else {
            set.putAll(limits);
        }
        set.put("id", project);
        return SimResponse.json(200, Map.of("quota_set", set));
    }

    SimResponse defaults(String project) {
        Map<String, Object> set = new LinkedHashMap<>(state.quotas().defaults());
        set.put("id", project);
        return SimResponse.json(200, Map.of("quota_set", set));
    }

    SimResponse update(CinderCall call, String project) {
        JsonNode body = call.request().json();
        UPDATE.validate(body).ifPresent(v -> {
            throw v.toFault();
        });
        JsonNode set = body.get("quota_set");
        List<String> bad = new java.util.ArrayList<>();
        set.fieldNames().forEachRemaining(k -> {
            if (!state.quotas().isKnown(k)) {
                bad.add(k);
            }
        });
        if (!bad.isEmpty()) {
            throw CinderFault.badRequest("Invalid input received: Bad key(s) in quota set: " + String.join(", ", bad));
        }
        Map<String, Integer> values = new LinkedHashMap<>();
        set.fields().forEachRemaining(e -> {
            int value;
            try {
                value = e.getValue().isIntegralNumber() ? e.getValue().intValue() : Integer.parseInt(e.getValue().asText().trim());
            } catch (NumberFormatException ex) {
                throw CinderFault.badRequest(e.getKey() + " must be an integer");
            }
            if (value < -1) {
                throw CinderFault.badRequest(e.getKey() + " must be >= -1");
            }
            values.put(e.getKey(), value);
        });
        state.quotas().set(project, values);
        return SimResponse.json(200, Map.of("quota_set", state.quotas().limits(project)));
    }

    SimResponse delete(String project) {
        state.quotas().reset(project);
        return SimResponse.empty(200);
    }

    private Map<String, Long> usage(String project) {
        if (!project.equals(state.projectId())) {
            return Map.of();
        }
        long volumes = state.store().volumes().size();
        long snapshots = state.store().snapshots().size();
        long gigabytes = state.store().gigabytes();
        Map<String, Long> u = new LinkedHashMap<>();
        u.put("volumes", volumes);
        u.put("snapshots", snapshots);
        u.put("gigabytes", gigabytes);
        u.put("volumes___DEFAULT__", volumes);
        u.put("snapshots___DEFAULT__", snapshots);
        u.put("gigabytes___DEFAULT__", gigabytes);
        return u;
    }
}
