package dev.openstack.snapshots.simulator.cinder;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openstack.snapshots.simulator.errors.CinderFault;
import dev.openstack.snapshots.simulator.http.SimResponse;
import dev.openstack.snapshots.simulator.schema.CinderSchemas;
import dev.openstack.snapshots.simulator.schema.Schema;
import dev.openstack.snapshots.simulator.store.Attachment;
import dev.openstack.snapshots.simulator.store.BlockStore;
import dev.openstack.snapshots.simulator.store.Resource;
import dev.openstack.snapshots.simulator.store.Snapshot;
import dev.openstack.snapshots.simulator.store.Volume;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** {@code /volumes}: create (plain or from a snapshot), show, list, update, delete, metadata and the admin actions. */
final class VolumesApi {

    static final List<String> STATUSES = List.of("creating", "available", "deleting", "error", "error_deleting",
            "error_managing", "managing", "attaching", "in-use", "detaching", "maintenance", "restoring-backup",
            "error_restoring", "reserved", "awaiting-transfer", "backing-up", "error_backing-up", "error_extending",
            "downloading", "uploading", "retyping", "extending");
    private static final Set<String> DELETABLE = Set.of("available", "error", "error_restoring", "error_extending", "error_managing");
    private static final Map<String, Function<Resource, Comparable<?>>> SORT_KEYS = Map.of(
            "created_at", Resource::createdAt, "updated_at", Resource::updatedAt, "id", Resource::id,
            "name", Resource::name, "display_name", Resource::name, "status", Resource::status,
            "size", r -> ((Volume) r).size());

    private final CinderState state;
    private final BlockStore store;
    private final MetadataApi metadata;

    VolumesApi(CinderState state) {
        this.state = state;
        this.store = state.store();
        this.metadata = new MetadataApi(store, "Volume", this::find,
                body -> checkedStrings(CinderSchemas.VOLUME_METADATA_CREATE, body, "metadata"),
                body -> checkedStrings(CinderSchemas.VOLUME_METADATA_UPDATE, body, "meta"));
    }

    private static Map<String, String> checkedStrings(Schema schema, JsonNode body, String key) {
        CinderSchemas.check(schema, body);
        return MetadataBodies.strings(body.get(key));
    }

    SimResponse create(CinderCall call) {
        JsonNode body = call.request().json();
        CinderSchemas.check(CinderSchemas.VOLUME_CREATE, body);
        JsonNode vol = body.get("volume");
        JsonNode sizeNode = vol.get("size");
        Integer requestedSize = sizeNode == null || sizeNode.isNull() ? null : Integer.valueOf(sizeNode.asText().trim());
        String snapshotId = SnapshotsApi.text(vol, "snapshot_id", null);
        Volume created = store.write(() -> {
            int size;
            if (snapshotId != null) {
                Snapshot source = store.snapshots().get(snapshotId);
                if (source == null) {
                    throw CinderFault.snapshotNotFound(snapshotId);
                }
                if (!source.status().equals("available")) {
                    throw CinderFault.badRequest("Invalid snapshot: Originating snapshot status must be one of 'available' values");
                }
                size = requestedSize == null ? source.size() : requestedSize;
                if (size < source.size()) {
                    throw CinderFault.badRequest("Invalid input received: Volume size '" + size + "'GB cannot be smaller than "
                            + "the snapshot size " + source.size() + "GB. They must be >= original snapshot size.");
                }
            } else if (requestedSize == null) {
                throw CinderFault.notComply();
            } else {
                size = requestedSize;
            }
            state.enforcer().reserveVolume(size);
            Volume v = new Volume(CinderState.newId(), state.projectId(), state.clock().instant(),
                    SnapshotsApi.text(vol, "name", SnapshotsApi.text(vol, "display_name", null)),
                    SnapshotsApi.text(vol, "description", SnapshotsApi.text(vol, "display_description", null)), size, snapshotId);
            v.metadata().putAll(MetadataBodies.strings(vol.get("metadata")));
            store.addVolume(v);
            return v;
        });
        boolean toError = call.endInError();
        state.transitions().schedule("volume.create", () -> store.write(() -> {
            Volume v = store.volumes().get(created.id());
            if (v != null && v.status().equals("creating")) {
                v.setStatus(toError ? "error" : "available");
                v.touch(state.clock().instant());
            }
        }));
        return SimResponse.json(202, Map.of("volume",
                store.read(() -> state.views().volume(created, call.version(), call.request().baseUrl(), true))));
    }

    SimResponse show(CinderCall call, String id) {
        return store.read(() -> SimResponse.json(200, Map.of("volume",
                state.views().volume(find(id), call.version(), call.request().baseUrl(), false))));
    }

    SimResponse list(CinderCall call, boolean detail) {
        ListQuery query = new ListQuery(call.request(), SORT_KEYS);
        Map<String, String> filters = query.filters();
        return store.read(() -> {
            List<Volume> page = query.page(store.volumes(), VolumesApi::matches, filters, CinderFault::volumeNotFound);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("volumes", page.stream().map(v -> detail
                    ? state.views().volume(v, call.version(), call.request().baseUrl(), false)
                    : state.views().volumeSummary(v, call.request().baseUrl())).toList());
            List<Object> links = query.nextLinks(page, state.projectId(), detail ? "volumes/detail" : "volumes");
            if (!links.isEmpty()) {
                body.put("volumes_links", links);
            }
            return SimResponse.json(200, body);
        });
    }

    private static boolean matches(Volume v, Map<String, String> filters) {
        for (Map.Entry<String, String> f : filters.entrySet()) {
            boolean ok = switch (f.getKey()) {
                case "name", "display_name" -> f.getValue().equals(v.name());
                case "status" -> f.getValue().equals(v.status());
                case "snapshot_id" -> f.getValue().equals(v.snapshotId());
                case "metadata" -> ListQuery.metadataMatches(v.metadata(), f.getValue());
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
        CinderSchemas.check(CinderSchemas.VOLUME_UPDATE, body);
        JsonNode vol = body.get("volume");
        return store.write(() -> {
            Volume v = find(id);
            if (vol.has("name") || vol.has("display_name")) {
                v.setName(SnapshotsApi.text(vol, "name", SnapshotsApi.text(vol, "display_name", null)));
            }
            if (vol.has("description") || vol.has("display_description")) {
                v.setDescription(SnapshotsApi.text(vol, "description", SnapshotsApi.text(vol, "display_description", null)));
            }
            if (vol.has("metadata")) {
                v.replaceMetadata(MetadataBodies.strings(vol.get("metadata")));
            }
            v.touch(state.clock().instant());
            return SimResponse.json(200, Map.of("volume", state.views().volume(v, call.version(), call.request().baseUrl(), false)));
        });
    }

    SimResponse delete(CinderCall call, String id) {
        store.write(() -> {
            Volume v = find(id);
            if (!DELETABLE.contains(v.status()) || !v.attachments().isEmpty() || store.volumeHasSnapshots(id)) {
                throw CinderFault.badRequest("Invalid volume: Volume status must be available or error or error_restoring "
                        + "or error_extending or error_managing and must not be migrating, attached, belong to a group, have "
                        + "snapshots, awaiting a transfer, or be disassociated from snapshots after volume transfer.");
            }
            v.setStatus("deleting");
            v.touch(state.clock().instant());
        });
        boolean toError = call.endInError();
        state.transitions().schedule("volume.delete", () -> store.write(() -> {
            Volume v = store.volumes().get(id);
            if (v != null && v.status().equals("deleting")) {
                if (toError) {
                    v.setStatus("error_deleting");
                    v.touch(state.clock().instant());
                } else {
                    store.removeVolume(id);
                }
            }
        }));
        return new SimResponse(202, new byte[0], "text/html; charset=UTF-8");
    }

    SimResponse action(CinderCall call, String id) {
        JsonNode body = call.request().json();
        String action = body.isObject() && body.size() > 0 ? body.fieldNames().next() : "";
        JsonNode args = body.path(action);
        store.write(() -> {
            switch (action) {
                case "os-reset_status" -> {
                    String status = args.path("status").asText(null);
                    if (status == null || !STATUSES.contains(status.toLowerCase())) {
                        throw CinderFault.badRequest("Volume status: " + status + " is invalid, valid statuses are: ("
                                + String.join(", ", STATUSES.stream().map(x -> "'" + x + "'").toList()) + ").");
                    }
                    Volume v = find(id);
                    v.setStatus(status.toLowerCase());
                    if (args.path("attach_status").asText("").equals("detached")) {
                        v.attachments().clear();
                    }
                }
                case "os-reserve" -> {
                    Volume v = find(id);
                    if (!v.status().equals("available")) {
                        throw CinderFault.badRequest("Invalid volume: Volume status must be available to reserve, but the status is "
                                + v.status() + ".");
                    }
                    v.setStatus("attaching");
                }
                case "os-unreserve" -> {
                    Volume v = find(id);
                    if (v.status().equals("attaching")) {
                        v.setStatus(v.attachments().isEmpty() ? "available" : "in-use");
                    }
                }
                case "os-attach" -> {
                    Volume v = find(id);
                    if (v.status().equals("maintenance")) {
                        throw CinderFault.badRequest("Invalid volume: The volume cannot be attached in maintenance mode.");
                    }
                    v.attachments().add(new Attachment(CinderState.newId(), args.path("host_name").asText(null),
                            args.path("mountpoint").asText(null), state.clock().instant()));
                    v.setStatus("in-use");
                }
                case "os-detach" -> {
                    Volume v = find(id);
                    String attachmentId = args.path("attachment_id").asText(null);
                    if (attachmentId == null) {
                        v.attachments().clear();
                    } else {
                        v.attachments().removeIf(a -> a.attachmentId().equals(attachmentId));
                    }
                    if (v.attachments().isEmpty() && (v.status().equals("in-use") || v.status().equals("detaching"))) {
                        v.setStatus("available");
                    }
                }
                default -> throw SnapshotsApi.noSuchAction(body);
            }
            store.volumes().get(id).touch(state.clock().instant());
        });
        return SimResponse.empty(202);
    }

    SimResponse metadata(CinderCall call, String id, String key) {
        return metadata.handle(call, id, key);
    }

    private Volume find(String id) {
        Volume v = store.volumes().get(id);
        if (v == null) {
            throw CinderFault.volumeNotFound(id);
        }
        return v;
    }
}
