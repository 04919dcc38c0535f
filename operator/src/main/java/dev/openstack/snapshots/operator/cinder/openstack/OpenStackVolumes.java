package dev.openstack.snapshots.operator.cinder.openstack;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openstack.snapshots.operator.cinder.SendDeadline;
import dev.openstack.snapshots.operator.cinder.CinderVolume;
import dev.openstack.snapshots.operator.cinder.CinderVolumes;
import dev.openstack.snapshots.operator.cinder.DeleteOutcome;
import dev.openstack.snapshots.operator.cinder.NewVolume;
import dev.openstack.snapshots.operator.cinder.Page;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openstack4j.api.Builders;
import org.openstack4j.model.ModelEntity;
import org.openstack4j.model.storage.block.builder.VolumeBuilder;

/** Cinder volumes of one project, on openstack4j. */
final class OpenStackVolumes implements CinderVolumes {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final OpenStackConnection connection;
    private final CinderCollection<CinderVolume> volumes;

    OpenStackVolumes(OpenStackConnection connection) {
        this.connection = connection;
        this.volumes = new CinderCollection<>(connection, "volume", CinderJson::volume, CinderVolume::id);
    }

    @Override
    public Optional<CinderVolume> get(String id) {
        return volumes.get(id);
    }

    @Override
    public List<CinderVolume> findByName(String name) {
        return volumes.findAll(Map.of("name", name), v -> name.equals(v.name()));
    }

    @Override
    public List<CinderVolume> findByMetadata(String key, String value) {
        String filter = MAPPER.createObjectNode().put(key, value).toString();
        return volumes.findAll(Map.of("metadata", filter), v -> value.equals(v.metadata().get(key)));
    }

    @Override
    public CinderVolume createFromSnapshot(NewVolume volume, SendDeadline sendBy) {
        VolumeBuilder request = Builders.volume().snapshot(volume.snapshotId()).name(volume.name()).metadata(volume.metadata());
        if (volume.description() != null) {
            request.description(volume.description());
        }
        if (volume.sizeGiB() != null) {
            request.size(volume.sizeGiB());
        }
        if (volume.volumeType() != null) {
            request.volumeType(volume.volumeType());
        }
        if (volume.availabilityZone() != null) {
            request.zone(volume.availabilityZone());
        }
        ModelEntity entity = request.build();
        CinderOperation create = new CinderOperation("volume.create", "create volume from snapshot " + volume.snapshotId());
        return connection.call(create, sendBy,
                calls -> CinderJson.volume(calls.post("/volumes", entity).path("volume")));
    }

    @Override
    public DeleteOutcome delete(String id) {
        return volumes.delete(id);
    }

    @Override
    public Page<CinderVolume> list(String marker, int limit) {
        return volumes.list(marker, limit, Map.of());
    }
}
