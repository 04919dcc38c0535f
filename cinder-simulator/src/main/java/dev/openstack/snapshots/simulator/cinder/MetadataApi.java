package dev.openstack.snapshots.simulator.cinder;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openstack.snapshots.simulator.errors.CinderFault;
import dev.openstack.snapshots.simulator.http.SimResponse;
import dev.openstack.snapshots.simulator.store.BlockStore;
import dev.openstack.snapshots.simulator.store.Resource;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code /<kind>s/{id}/metadata[/{key}]}: Cinder serves volume and snapshot metadata with the same controller
 * logic; only the body checks (a JSON schema for volumes, hand-written checks for snapshots) and the kind's name
 * in the not-found message differ.
 */
final class MetadataApi {

    private final BlockStore store;
    private final String kind;
    private final Function<String, Resource> find;
    private final Function<JsonNode, Map<String, String>> allBody;
    private final Function<JsonNode, Map<String, String>> itemBody;

    /**
     * @param kind     "Volume" or "Snapshot", as Cinder names it in messages
     * @param find     the resource by id, or the kind's 404; called under the store lock
     * @param allBody  checks and reads a {@code {"metadata": {...}}} body
     * @param itemBody checks and reads a {@code {"meta": {...}}} body
     */
    MetadataApi(BlockStore store, String kind, Function<String, Resource> find,
                Function<JsonNode, Map<String, String>> allBody, Function<JsonNode, Map<String, String>> itemBody) {
        this.store = store;
        this.kind = kind;
        this.find = find;
        this.allBody = allBody;
        this.itemBody = itemBody;
    }

    SimResponse handle(CinderCall call, String id, String key) {
        String method = call.request().method();
        if (key == null) {
            return switch (method) {
                case "GET" -> store.read(() -> SimResponse.json(200, Map.of("metadata", new LinkedHashMap<>(find.apply(id).metadata()))));
                case "POST", "PUT" -> {
                    Map<String, String> values = allBody.apply(call.request().json());
                    yield store.write(() -> {
                        Resource r = find.apply(id);
                        if (method.equals("PUT")) {
                            r.replaceMetadata(values);
                        } else {
                            r.metadata().putAll(values);
                        }
                        return SimResponse.json(200, Map.of("metadata", new LinkedHashMap<>(r.metadata())));
                    });
                }
                default -> SimResponse.notFoundHtml();
            };
        }
        return switch (method) {
            case "GET" -> store.read(() -> {
                Resource r = find.apply(id);
                if (!r.metadata().containsKey(key)) {
                    throw notFound(id, key);
                }
                return SimResponse.json(200, Map.of("meta", Map.of(key, r.metadata().get(key))));
            });
            case "PUT" -> {
                Map<String, String> values = itemBody.apply(call.request().json());
                if (!values.containsKey(key)) {
                    throw CinderFault.badRequest("Request body and URI mismatch");
                }
                // Only reachable for snapshots: the volume schema already limits "meta" to one property.
                if (values.size() > 1) {
                    throw CinderFault.badRequest("Request body contains too many items");
                }
                yield store.write(() -> {
                    find.apply(id).metadata().put(key, values.get(key));
                    return SimResponse.json(200, Map.of("meta", values));
                });
            }
            case "DELETE" -> store.write(() -> {
                if (find.apply(id).metadata().remove(key) == null) {
                    throw notFound(id, key);
                }
                return new SimResponse(200, new byte[0], "text/html; charset=UTF-8");
            });
            default -> SimResponse.notFoundHtml();
        };
    }

    private CinderFault notFound(String id, String key) {
        return CinderFault.itemNotFound(kind + " " + id + " has no metadata with key " + key + ".");
    }
}
