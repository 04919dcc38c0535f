package dev.openstack.snapshots.operator.snapshot;

import dev.openstack.snapshots.operator.adoption.UnansweredCreates;
import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.SnapshotState;
import dev.openstack.snapshots.operator.api.SourceVolumeStatus;
import dev.openstack.snapshots.operator.cinder.BlockStorage;
import dev.openstack.snapshots.operator.cinder.CinderSnapshot;
import dev.openstack.snapshots.operator.cinder.TransientCinderException;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Instant;

/**
 * The create step, taken only once nothing owned by the object was found in Cinder: the source volume is resolved
 * and recorded before the create call, the new id right after it, and nothing else is done in the same pass.
 */
final class SnapshotCreation {

    private final SnapshotParts parts;
    private final UnansweredCreates unansweredCreates;

    SnapshotCreation(SnapshotParts parts, UnansweredCreates unansweredCreates) {
        this.parts = parts;
        this.unansweredCreates = unansweredCreates;
    }

    void create(OpenStackSnapshot snapshot, BlockStorage storage, Instant keptUntil) {
        SourceVolumeStatus source = SnapshotFacts.statusOf(snapshot).getSourceVolume();
        if (source == null) {
            source = parts.sources().resolve(snapshot.getSpec().getSourceVolume(), snapshot.getMetadata().getNamespace(),
                    storage.volumes());
        }
        snapshot = parts.recorder().record(snapshot, Outcome.progressing(SnapshotState.CreationScheduled, "Creating the snapshot"), null,
                keptUntil, null, source);
        CinderSnapshot created;
        try {
            created = parts.actuator().create(storage, snapshot, source.getId());
        } catch (TransientCinderException e) {
            unansweredCreates.noteFailure(ResourceID.fromResource(snapshot), e);
            throw e;
        }
        parts.observer().record(snapshot, created);
        parts.observer().observe(snapshot, storage, created.id(), false);
        parts.observer().changeRequested(snapshot);
        parts.recorder().record(snapshot, StateMapping.outcomeOf(created.status(), false), created, keptUntil, null, source);
        parts.events().normal(snapshot, "Created", "Created Cinder snapshot " + created.id() + " of volume " + source.getId());
    }
}
