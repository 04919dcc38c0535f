package dev.openstack.snapshots.operator.cinder.openstack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openstack.snapshots.operator.cinder.SendDeadline;
import dev.openstack.snapshots.operator.cinder.CinderException;
import dev.openstack.snapshots.operator.cinder.CinderSnapshot;
import dev.openstack.snapshots.operator.cinder.CinderSnapshots;
import dev.openstack.snapshots.operator.cinder.DeleteOutcome;
import dev.openstack.snapshots.operator.cinder.NewSnapshot;
import dev.openstack.snapshots.operator.cinder.Page;
import dev.openstack.snapshots.operator.cinder.TerminalCinderException;
import dev.openstack.snapshots.operator.cinder.TransientCinderException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openstack4j.api.Builders;
import org.openstack4j.model.storage.block.VolumeSnapshot;

/** Cinder snapshots of one project, on openstack4j. */
final class OpenStackSnapshots implements CinderSnapshots {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final OpenStackConnection connection;
    private final CinderCollection<CinderSnapshot> snapshots;

    OpenStackSnapshots(OpenStackConnection connection) {
        this.connection = connection;
        this.snapshots = new CinderCollection<>(connection, "snapshot", CinderJson::snapshot, CinderSnapshot::id);
    }

    @Override
    public Optional<CinderSnapshot> get(String id) {
        return snapshots.get(id);
    }

    @Override
    public List<CinderSnapshot> findByMetadata(String key, String value) {
        // Cinder honours the metadata filter on snapshots only from microversion 3.22, so this listing
        // asks for 3.22; the result is still checked here, against a cloud that ignores the filter anyway.
        String filter = MAPPER.createObjectNode().put(key, value).toString();
        return snapshots.findAll(Map.of("metadata", filter), s -> value.equals(s.metadata().get(key)),
                CinderMicroversion.SNAPSHOT_METADATA_FILTER);
    }

    @Override
    public CinderSnapshot create(NewSnapshot snapshot, SendDeadline sendBy) {
        // openstack4j's model serialises a description twice, also as display_description, which Cinder's
        // request schema rejects with a 400. So the snapshot is created without one and updated after.
        VolumeSnapshot request = Builders.volumeSnapshot()
                .volume(snapshot.volumeId())
                .name(snapshot.name())
                .force(snapshot.force())
                .metadata(snapshot.metadata())
                .build();
        CinderOperation create = new CinderOperation("snapshot.create", "create snapshot of volume " + snapshot.volumeId());
        CinderSnapshot created = connection.call(create, sendBy,
                calls -> CinderJson.snapshot(calls.post("/snapshots", (org.openstack4j.model.ModelEntity) request).path("snapshot")));
        if (snapshot.description() == null) {
            return created;
        }
        try {
            return update(created.id(), snapshot.name(), snapshot.description());
        } catch (CinderException e) {
            String message = "snapshot " + created.id() + " was created, but setting its description failed: " + e.getMessage();
            throw e instanceof TerminalCinderException
                    ? new TerminalCinderException(message, e.httpStatus(), e.requestId(), e)
                    : new TransientCinderException(message, e.httpStatus(), e.requestId(), e);
        }
    }

    @Override
    public CinderSnapshot update(String id, String name, String description) {
        ObjectNode body = MAPPER.createObjectNode();
        ObjectNode fields = body.putObject("snapshot");
        fields.put("name", name);
        fields.put("description", description);
        return connection.call(new CinderOperation("snapshot.update", "update snapshot " + id),
                calls -> CinderJson.snapshot(calls.putJson("/snapshots/" + id, body.toString()).path("snapshot")));
    }

    @Override
    public Map<String, String> replaceMetadata(String id, Map<String, String> metadata) {
        // openstack4j has no snapshot-metadata endpoint; PUT .../metadata replaces all keys.
        ObjectNode body = MAPPER.createObjectNode();
        ObjectNode fields = body.putObject("metadata");
        metadata.forEach(fields::put);
        return connection.call(new CinderOperation("snapshot.metadata", "replace metadata of snapshot " + id),
                calls -> CinderJson.metadata(calls.putJson("/snapshots/" + id + "/metadata", body.toString()).path("metadata")));
    }

    @Override
    public DeleteOutcome delete(String id) {
        return snapshots.delete(id);
    }

    @Override
    public Page<CinderSnapshot> list(String marker, int limit) {
        return snapshots.list(marker, limit, Map.of());
    }
}
