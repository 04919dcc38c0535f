package dev.openstack.snapshots.operator.snapshot;

import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.cinder.BlockStorage;
import dev.openstack.snapshots.operator.cinder.CinderSnapshot;
import dev.openstack.snapshots.operator.cinder.DeleteOutcome;
import dev.openstack.snapshots.operator.cinder.NewSnapshot;
import dev.openstack.snapshots.operator.cinder.OwnerTags;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The only code of the snapshot controller that changes Cinder. */
public final class SnapshotActuator {

    public static final String KIND = "OpenStackSnapshot";
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotActuator.class);

    /** Creates the snapshot with our owner tags, the user's metadata and force. */
    public CinderSnapshot create(BlockStorage storage, OpenStackSnapshot snapshot, String volumeId) {
        var meta = snapshot.getMetadata();
        Map<String, String> metadata = new LinkedHashMap<>();
        if (snapshot.getSpec().getMetadata() != null) {
            metadata.putAll(snapshot.getSpec().getMetadata());
        }
        metadata.putAll(ownerTags(snapshot).asMetadata());
        String description = snapshot.getSpec().getDescription();
        NewSnapshot request = new NewSnapshot(volumeId, DesiredSnapshot.nameForCreation(snapshot),
                description == null || description.isEmpty() ? null : description,
                Boolean.TRUE.equals(snapshot.getSpec().getForce()), metadata);
        CinderSnapshot created = storage.snapshots().create(request);
        LOG.info("{}/{}: created Cinder snapshot {} of volume {}", meta.getNamespace(), meta.getName(), created.id(),
                volumeId);
        return created;
    }

    /** Pushes name, description and metadata where they differ; returns the snapshot as Cinder now has it. */
    public CinderSnapshot push(BlockStorage storage, OpenStackSnapshot snapshot, DesiredSnapshot desired,
            CinderSnapshot actual) {
        var meta = snapshot.getMetadata();
        CinderSnapshot result = actual;
        if (desired.nameOrDescriptionDiffer(actual)) {
            String name = desired.name() != null ? desired.name() : actual.name();
            String description = desired.description() != null ? desired.description() : actual.description();
            result = storage.snapshots().update(actual.id(), name, description);
        }
        if (desired.metadataDiffers(actual)) {
            Map<String, String> metadata = storage.snapshots().replaceMetadata(actual.id(),
                    desired.metadataKeepingTagsOf(actual));
            result = new CinderSnapshot(result.id(), result.name(), result.description(), result.status(),
                    result.volumeId(), result.sizeGiB(), metadata, result.createdAt(), result.updatedAt());
        }
        LOG.info("{}/{}: pushed name/description/metadata to Cinder snapshot {}", meta.getNamespace(), meta.getName(),
                actual.id());
        return result;
    }

    public DeleteOutcome delete(BlockStorage storage, OpenStackSnapshot snapshot, String id) {
        DeleteOutcome outcome = storage.snapshots().delete(id);
        LOG.info("{}/{}: deleting Cinder snapshot {}: {}", snapshot.getMetadata().getNamespace(),
                snapshot.getMetadata().getName(), id, outcome);
        return outcome;
    }

    public static OwnerTags ownerTags(OpenStackSnapshot snapshot) {
        var meta = snapshot.getMetadata();
        return new OwnerTags(KIND, meta.getNamespace(), meta.getName(), meta.getUid());
    }
}
