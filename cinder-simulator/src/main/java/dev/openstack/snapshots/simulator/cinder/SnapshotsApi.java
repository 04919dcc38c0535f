package dev.openstack.snapshots.simulator.cinder;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openstack.snapshots.simulator.errors.CinderFault;
import dev.openstack.snapshots.simulator.http.SimResponse;
import dev.openstack.snapshots.simulator.schema.CinderSchemas;
import dev.openstack.snapshots.simulator.store.BlockStore;
import dev.openstack.snapshots.simulator.store.Resource;
import dev.openstack.snapshots.simulator.store.Snapshot;
import dev.openstack.snapshots.simulator.store.Volume;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** {@code /snapshots}: create, show, list, update, delete, metadata and {@code os-reset_status}. */
final class SnapshotsApi {

    static final List<String> STATUSES = List.of("error", "available", "creating", "deleting", "deleted", "updating",
            "error_deleting", "unmanaging", "backing-up", "restoring");
    private static final Map<String, Function<Resource, Comparable<?>>> SORT_KEYS = Map.of(
            "created_at", Resource::createdAt, "updated_at", Resource::updatedAt, "id", Resource::id,
            "name", Resource::name, "display_name", Resource::name, "status", Resource::status,
            "size", r -> ((Snapshot) r).size(), "volume_id", r -> ((Snapshot) r).volumeId());

    private final CinderState state;
    private final BlockStore store;
    private final MetadataApi metadata;

    SnapshotsApi(CinderState state) {
        this.state = state;
        this.store = state.store();
        this.metadata = new MetadataApi(store, "Snapshot", this::find,
                body -> MetadataBodies.snapshotMetadata(body, "metadata"), body -> MetadataBodies.snapshotMetadata(body, "meta"));
    }

    SimResponse create(CinderCall call) {
        JsonNode body = call.request().json();
        CinderSchemas.check(CinderSchemas.SNAPSHOT_CREATE, body);
        JsonNode snap = body.get("snapshot");
        JsonNode volumeId = snap.get("volume_id");
        boolean hasForce = snap.has("force");
        boolean force = MetadataBodies.truthy(snap.get("force"));
        Snapshot created = store.write(() -> {
            Volume volume = volumeId.isNull() ? null : store.volumes().get(volumeId.textValue());
            if (volume == null) {
                throw CinderFault.volumeNotFound(volumeId.isNull() ? "None" : volumeId.textValue());
            }
            boolean allowInUse = force;
            if (call.version().atLeast(66)) {
                if (hasForce && !force) {
                    throw CinderFault.badRequest("Since microversion 3.66 the 'force' flag is invalid for this request.  "
                            + "For backward compatability, however, when the 'force' flag is passed with a value evaluating "
                            + "to True, it is silently ignored.");
                }
                allowInUse = true;
            }
            Set<String> allowed = allowInUse ? Set.of("available", "in-use") : Set.of("available");
            if (!allowed.contains(volume.status())) {
                throw CinderFault.badRequest("Invalid volume: Volume " + volume.id() + " status must be "
                        + (allowInUse ? "available, in-use" : "available") + ", but current status is: " + volume.status() + ".");
            }
            state.enforcer().reserveSnapshot(volume.size());
            String name = text(snap, "name", text(snap, "display_name", null));
            Snapshot s = new Snapshot(CinderState.newId(), state.projectId(), state.clock().instant(), name,
                    text(snap, "description", null), volume.id(), volume.size());
            s.metadata().putAll(MetadataBodies.strings(snap.get("metadata")));
            store.addSnapshot(s);
            return s;
        });
        boolean toError = call.endInError();
        state.transitions().schedule("snapshot.create", () -> store.write(() -> {
            Snapshot s = store.snapshots().get(created.id());
            if (s != null && s.status().equals("creating")) {
                s.setStatus(toError ? "error" : "available");
                s.touch(state.clock().instant());
            }
        }));
        return SimResponse.json(202, Map.of("snapshot", store.read(() -> state.views().snapshot(created, call.version(), false, true))));
    }

    SimResponse show(CinderCall call, String id) {
        return store.read(() -> SimResponse.json(200, Map.of("snapshot", state.views().snapshot(find(id), call.version(), true, false))));
    }

    SimResponse list(CinderCall call, boolean detail) {
        // Before 3.30 the snapshot sort key "name" is not translated to its column, display_name: Invalid sort key.
        Map<String, Function<Resource, Comparable<?>>> keys = new java.util.HashMap<>(SORT_KEYS);
        if (!call.version().atLeast(30)) {
            keys.remove("name");
        }
        ListQuery query = new ListQuery(call.request(), keys);
        Map<String, String> filters = query.filters();
        if (!call.version().atLeast(22)) {
            // The metadata filter arrived in 3.22; before that Cinder drops it silently.
            filters.remove("metadata");
        }
        return store.read(() -> {
            List<Snapshot> page = query.page(store.snapshots(), SnapshotsApi::matches, filters, CinderFault::snapshotNotFound);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("snapshots", page.stream().map(s -> state.views().snapshot(s, call.version(), detail, false)).toList());
            List<Object> links = query.nextLinks(page, state.projectId(), detail ? "snapshots/detail" : "snapshots");
            if (!links.isEmpty()) {
                body.put("snapshots_links", links);
            }
            return SimResponse.json(200, body);
        });
    }

    private static boolean matches(Snapshot s, Map<String, String> filters) {
        for (Map.Entry<String, String> f : filters.entrySet()) {
            boolean ok = switch (f.getKey()) {
                case "name", "display_name" -> f.getValue().equals(s.name());
                case "status" -> f.getValue().equals(s.status());
                case "volume_id" -> f.getValue().equals(s.volumeId());
                case "metadata" -> ListQuery.metadataMatches(s.metadata(), f.getValue());
                // An admin's unknown filter becomes a DB filter on a column that does not exist: nothing matches.
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    SimResponse update(CinderCall call, String id) {
        JsonNode body = call.request().json();
        CinderSchemas.check(CinderSchemas.SNAPSHOT_UPDATE, body);
        JsonNode snap = body.get("snapshot");
        return store.write(() -> {
            Snapshot s = find(id);
            if (snap.has("name") || snap.has("display_name")) {
                s.setName(text(snap, "name", text(snap, "display_name", null)));
            }
            if (snap.has("description") || snap.has("display_description")) {
                s.setDescription(text(snap, "description", text(snap, "display_description", null)));
            }
            s.touch(state.clock().instant());
            return SimResponse.json(200, Map.of("snapshot", state.views().snapshot(s, call.version(), false, false)));
        });
    }

    SimResponse delete(CinderCall call, String id) {
        store.write(() -> {
            Snapshot s = find(id);
            if (!s.status().equals("available") && !s.status().equals("error")) {
                throw CinderFault.badRequest("Invalid snapshot: Snapshot status must be available or error and must not be part of a group.");
            }
            s.setStatus("deleting");
            s.touch(state.clock().instant());
        });
        boolean toError = call.endInError();
        state.transitions().schedule("snapshot.delete", () -> store.write(() -> {
            Snapshot s = store.snapshots().get(id);
            if (s != null && s.status().equals("deleting")) {
                if (toError) {
                    s.setStatus("error_deleting");
                    s.touch(state.clock().instant());
                } else {
                    store.removeSnapshot(id);
                }
            }
        }));
        return new SimResponse(202, new byte[0], "text/html; charset=UTF-8");
    }

    SimResponse action(CinderCall call, String id) {
        JsonNode body = call.request().json();
        if (body.has("os-reset_status")) {
            String status = body.path("os-reset_status").path("status").asText(null);
            if (status == null || !STATUSES.contains(status.toLowerCase())) {
                throw CinderFault.badRequest("Snapshot status: " + status + " is invalid, valid statuses are: ("
                        + String.join(", ", STATUSES.stream().map(x -> "'" + x + "'").toList()) + ").");
            }
            store.write(() -> {
                Snapshot s = find(id);
                s.setStatus(status.toLowerCase());
                s.touch(state.clock().instant());
            });
            return SimResponse.empty(202);
        }
        throw noSuchAction(body);
    }

    static CinderFault noSuchAction(JsonNode body) {
        String name = body.isObject() && body.size() > 0 ? body.fieldNames().next() : "";
        return CinderFault.badRequest("There is no such action: " + name
                + ". Verify the request body and Content-Type header and try again.");
    }

    SimResponse metadata(CinderCall call, String id, String key) {
        return metadata.handle(call, id, key);
    }

    private Snapshot find(String id) {
        Snapshot s = store.snapshots().get(id);
        if (s == null) {
            throw CinderFault.snapshotNotFound(id);
        }
        return s;
    }

    static String text(JsonNode node, String field, String fallback) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? fallback : v.asText();
    }
}
