package dev.openstack.snapshots.operator.snapshot;

import dev.openstack.snapshots.operator.cinder.SendDeadline;
import dev.openstack.snapshots.operator.adoption.OwnerMatch;
import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.SourceVolumeStatus;
import dev.openstack.snapshots.operator.cinder.BlockStorage;
import dev.openstack.snapshots.operator.cinder.CinderSnapshot;
import dev.openstack.snapshots.operator.cinder.DeleteOutcome;
import dev.openstack.snapshots.operator.cinder.NewSnapshot;
import dev.openstack.snapshots.operator.cinder.OwnerTags;
import dev.openstack.snapshots.operator.flow.Actuator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only code of the snapshot controller that changes Cinder, bound to one connection for one pass. The source
 * volume is the one in status.sourceVolume (resolved and recorded before any create, see {@link SnapshotLinking}).
 */
public final class SnapshotActuator implements Actuator<OpenStackSnapshot, CinderSnapshot> {

    public static final String KIND = "OpenStackSnapshot";
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotActuator.class);

    private final BlockStorage storage;

    public SnapshotActuator(BlockStorage storage) {
        this.storage = storage;
    }

    @Override
    public String noun() {
        return "Cinder snapshot";
    }

    @Override
    public String idOf(CinderSnapshot backend) {
        return backend.id();
    }

    /** Wholly ours: every owner tag and the source volume of status.sourceVolume (oldest first). */
    @Override
    public OwnerMatch.Sorted<CinderSnapshot> findOwned(OpenStackSnapshot snapshot) {
        return sort(snapshot, sourceOf(snapshot),
                storage.snapshots().findByMetadata(OwnerTags.UID, snapshot.getMetadata().getUid()));
    }

    /** Creates the snapshot of status.sourceVolume with our owner tags, the user's metadata and force. */
    @Override
    public CinderSnapshot create(OpenStackSnapshot snapshot, SendDeadline sendBy) {
        var meta = snapshot.getMetadata();
        String volumeId = sourceOf(snapshot);
        Map<String, String> metadata = new LinkedHashMap<>();
        if (snapshot.getSpec().getMetadata() != null) {
            metadata.putAll(snapshot.getSpec().getMetadata());
        }
        metadata.putAll(ownerTags(snapshot).asMetadata());
        String description = snapshot.getSpec().getDescription();
        NewSnapshot request = new NewSnapshot(volumeId, DesiredSnapshot.nameForCreation(snapshot),
                description == null || description.isEmpty() ? null : description,
                Boolean.TRUE.equals(snapshot.getSpec().getForce()), metadata);
        CinderSnapshot created = storage.snapshots().create(request, sendBy);
        LOG.info("{}/{}: created Cinder snapshot {} of volume {}", meta.getNamespace(), meta.getName(), created.id(),
                volumeId);
        return created;
    }

    /** Pushes name, description and metadata where they differ; returns the snapshot as Cinder now has it. */
    @Override
    public CinderSnapshot update(OpenStackSnapshot snapshot, CinderSnapshot actual) {
        DesiredSnapshot desired = DesiredSnapshot.of(snapshot);
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

    @Override
    public DeleteOutcome delete(OpenStackSnapshot snapshot, String id) {
        DeleteOutcome outcome = storage.snapshots().delete(id);
        LOG.info("{}/{}: deleting Cinder snapshot {}: {}", snapshot.getMetadata().getNamespace(),
                snapshot.getMetadata().getName(), id, outcome);
        return outcome;
    }

    @Override
    public boolean isTransitional(CinderSnapshot backend) {
        return "creating".equals(backend.status()) || "deleting".equals(backend.status());
    }

    public static OwnerTags ownerTags(OpenStackSnapshot snapshot) {
        var meta = snapshot.getMetadata();
        return new OwnerTags(KIND, meta.getNamespace(), meta.getName(), meta.getUid());
    }

    /** Sorted like {@link #findOwned}: the object's own (whole tag set and {@code volumeId}) and the refused ones. */
    static OwnerMatch.Sorted<CinderSnapshot> sort(OpenStackSnapshot snapshot, String volumeId, List<CinderSnapshot> found) {
        return OwnerMatch.sort(ownerTags(snapshot), volumeId, found,
                s -> new OwnerMatch.Candidate(s.id(), s.metadata(), s.volumeId(), s.createdAt()));
    }

    private static String sourceOf(OpenStackSnapshot snapshot) {
        SourceVolumeStatus source = SnapshotFacts.statusOf(snapshot).getSourceVolume();
        return source == null ? null : source.getId();
    }
}
