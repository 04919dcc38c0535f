package dev.openstack.snapshots.operator.cinder.openstack;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openstack.snapshots.operator.cinder.CinderVolume;
import dev.openstack.snapshots.operator.cinder.CinderVolumes;
import dev.openstack.snapshots.operator.cinder.DeleteOutcome;
import dev.openstack.snapshots.operator.cinder.NewVolume;
import dev.openstack.snapshots.operator.cinder.Page;
import dev.openstack.snapshots.operator.cinder.TerminalCinderException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.openstack4j.api.Builders;
import org.openstack4j.model.ModelEntity;
import org.openstack4j.model.storage.block.builder.VolumeBuilder;

/** Cinder volumes of one project, on openstack4j. */
final class OpenStackVolumes implements CinderVolumes {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final OpenStackConnection connection;

    OpenStackVolumes(OpenStackConnection connection) {
        this.connection = connection;
    }

    @Override
    public Optional<CinderVolume> get(String id) {
        try {
            return Optional.of(connection.call("get volume " + id,
                    calls -> CinderJson.volume(calls.get("/volumes/" + id, Map.of()).path("volume"))));
        } catch (TerminalCinderException e) {
            if (e.httpStatus() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public List<CinderVolume> findByName(String name) {
        return findAll(Map.of("name", name), v -> name.equals(v.name()));
    }

    @Override
    public List<CinderVolume> findByMetadata(String key, String value) {
        String filter = MAPPER.createObjectNode().put(key, value).toString();
        return findAll(Map.of("metadata", filter), v -> value.equals(v.metadata().get(key)));
    }

    private List<CinderVolume> findAll(Map<String, String> filters, Predicate<CinderVolume> really) {
        // The server-side filter narrows the listing; the predicate guards against a Cinder that ignores it.
        List<CinderVolume> found = new ArrayList<>();
        String marker = null;
        do {
            Page<CinderVolume> page = list(marker, OpenStackSnapshots.FIND_PAGE_SIZE, filters);
            page.items().stream().filter(really).forEach(found::add);
            marker = page.nextMarker();
        } while (marker != null);
        return found;
    }

    @Override
    public CinderVolume createFromSnapshot(NewVolume volume) {
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
        return connection.call("create volume from snapshot " + volume.snapshotId(),
                calls -> CinderJson.volume(calls.post("/volumes", entity).path("volume")));
    }

    @Override
    public DeleteOutcome delete(String id) {
        try {
            connection.call("delete volume " + id, calls -> {
                calls.delete("/volumes/" + id);
                return null;
            });
            return DeleteOutcome.DELETING;
        } catch (TerminalCinderException e) {
            if (e.httpStatus() == 404) {
                return DeleteOutcome.ALREADY_GONE;
            }
            throw e;
        }
    }

    @Override
    public Page<CinderVolume> list(String marker, int limit) {
        return list(marker, limit, Map.of());
    }

    private Page<CinderVolume> list(String marker, int limit, Map<String, String> filters) {
        return connection.call("list volumes",
                calls -> PageReader.page(calls.get("/volumes/detail", PageReader.query(marker, limit, filters)),
                        "volumes", limit, CinderJson::volume, CinderVolume::id));
    }
}
