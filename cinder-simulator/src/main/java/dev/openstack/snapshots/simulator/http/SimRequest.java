package dev.openstack.snapshots.simulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openstack.snapshots.simulator.errors.CinderFault;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request as the APIs see it: decoded path, query parameters in their order (needed to rebuild Cinder's
 * "next" links), headers and the raw body.
 */
public record SimRequest(String method, String path, List<Map.Entry<String, String>> query,
                         Map<String, List<String>> headers, byte[] body, String baseUrl) {

    public static List<Map.Entry<String, String>> parseQuery(String raw) {
        List<Map.Entry<String, String>> result = new ArrayList<>();
        if (raw == null || raw.isEmpty()) {
            return result;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            result.add(Map.entry(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8)));
        }
        return result;
    }

    /** The last value of a query parameter, as webob's {@code GET[key]} returns it. */
    public Optional<String> param(String name) {
        String value = null;
        for (Map.Entry<String, String> e : query) {
            if (e.getKey().equals(name)) {
                value = e.getValue();
            }
        }
        return Optional.ofNullable(value);
    }

    public Optional<String> header(String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return Optional.of(e.getValue().get(0));
            }
        }
        return Optional.empty();
    }

    /** The body as JSON; anything unparseable is Cinder's "Malformed request body". */
    public JsonNode json() {
        try {
            JsonNode node = body.length == 0 ? null : Json.parse(body);
            if (node == null || node.isMissingNode()) {
                throw CinderFault.badRequest("Malformed request body");
            }
            return node;
        } catch (java.io.IOException e) {
            throw CinderFault.badRequest("Malformed request body");
        }
    }
}
