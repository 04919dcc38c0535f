package dev.openstack.snapshots.simulator.controls;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openstack.snapshots.simulator.faults.FaultRule;
import dev.openstack.snapshots.simulator.http.Handler;
import dev.openstack.snapshots.simulator.http.Json;
import dev.openstack.snapshots.simulator.http.SimRequest;
import dev.openstack.snapshots.simulator.http.SimResponse;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /_sim/...}: the test controls as JSON over HTTP (no authentication; the simulator is a test tool). */
public final class ControlsApi implements Handler {

    public static final String PREFIX = "/_sim";

    private final SimulatorControls controls;

    public ControlsApi(SimulatorControls controls) {
        this.controls = controls;
    }

    @Override
    public SimResponse handle(SimRequest req) {
        String path = req.path().substring(PREFIX.length());
        try {
            return switch (req.method() + " " + path) {
                case "GET /counters" -> SimResponse.json(200, Map.of("counters", controls.counters()));
                case "DELETE /counters", "POST /counters/reset" -> {
                    controls.resetCounters();
                    yield SimResponse.json(200, Map.of("counters", controls.counters()));
                }
                case "GET /requests" -> SimResponse.json(200, Map.of("requests", requests(req)));
                case "GET /faults" -> SimResponse.json(200, Map.of("faults", controls.pendingFaults()));
                case "POST /faults" -> {
                    FaultRule rule = faultRule(body(req));
                    controls.addFault(rule);
                    yield SimResponse.json(201, Map.of("fault", rule));
                }
                case "DELETE /faults" -> {
                    controls.clearFaults();
                    yield SimResponse.json(200, Map.of("faults", controls.pendingFaults()));
                }
                case "GET /delays" -> SimResponse.json(200, delays());
                case "PUT /delays", "POST /delays" -> {
                    body(req).fields().forEachRemaining(e -> {
                        var d = DurationText.parse(e.getValue().asText());
                        if (e.getKey().equals("default")) {
                            controls.setDefaultTransitionDelay(d);
                        } else {
                            controls.setTransitionDelay(e.getKey(), d);
                        }
                    });
                    yield SimResponse.json(200, delays());
                }
                case "GET /quotas" -> SimResponse.json(200, Map.of("quota_set", controls.quotas()));
                case "PUT /quotas", "POST /quotas" -> {
                    Map<String, Integer> limits = new LinkedHashMap<>();
                    body(req).fields().forEachRemaining(e -> limits.put(e.getKey(), e.getValue().asInt()));
                    controls.setQuotas(limits);
                    yield SimResponse.json(200, Map.of("quota_set", controls.quotas()));
                }
                case "POST /tokens/expire" -> {
                    controls.expireTokens();
                    yield SimResponse.empty(204);
                }
                case "GET /state" -> SimResponse.json(200, controls.state());
                case "POST /reset" -> {
                    controls.reset();
                    yield SimResponse.empty(204);
                }
                default -> error(404, "no such control: " + req.method() + " " + req.path());
            };
        } catch (IllegalArgumentException e) {
            return error(400, e.getMessage());
        }
    }

    private List<Map<String, String>> requests(SimRequest req) {
        String operation = req.param("operation").orElseThrow(() -> new IllegalArgumentException("?operation= is required"));
        return controls.requestLog(operation).stream()
                .map(e -> Map.of("resource_id", e.resourceId(), "at", e.at().toString())).toList();
    }

    private Map<String, Object> delays() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String op : new String[]{"volume.create", "volume.delete", "snapshot.create", "snapshot.delete"}) {
            m.put(op, controls.transitionDelay(op).toMillis() + "ms");
        }
        return m;
    }

    private static FaultRule faultRule(JsonNode b) {
        return new FaultRule(b.path("operation").asText(null), b.path("times").asInt(1),
                b.hasNonNull("status") ? b.get("status").asInt() : null, b.path("message").asText(null),
                b.hasNonNull("hang") ? DurationText.parse(b.get("hang").asText()).toMillis() : b.path("hangMillis").asLong(0),
                b.path("endInError").asBoolean(false),
                b.hasNonNull("delayAnswer") ? DurationText.parse(b.get("delayAnswer").asText()).toMillis()
                        : b.path("delayAnswerMillis").asLong(0));
    }

    private static JsonNode body(SimRequest req) {
        try {
            JsonNode node = Json.parse(req.body());
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("expected a JSON object body");
            }
            return node;
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed JSON body");
        }
    }

    private static SimResponse error(int status, String message) {
        return SimResponse.json(status, Map.of("error", message));
    }
}
