package dev.openstack.snapshots.operator.snapshot;

import dev.openstack.snapshots.operator.adoption.CreateGuard;
import dev.openstack.snapshots.operator.adoption.OwnerMatch;
import dev.openstack.snapshots.operator.adoption.UnansweredCreates;
import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.SnapshotState;
import dev.openstack.snapshots.operator.api.SourceVolumeStatus;
import dev.openstack.snapshots.operator.cinder.BlockStorage;
import dev.openstack.snapshots.operator.cinder.CinderException;
import dev.openstack.snapshots.operator.cinder.CinderSnapshot;
import dev.openstack.snapshots.operator.cinder.TransientCinderException;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Links an object that has no backendID yet to its Cinder snapshot: adopts what an earlier pass (or another operator
 * process) made, or creates one - never two. Decided on the object as the API server has it, not the informer's copy:
 * <ol>
 * <li>a tagged snapshot that is wholly ours (every owner tag and the source volume, see {@link OwnerMatch}) is adopted,
 * the oldest if there are several; the others are duplicates the reconciler removes once linked;</li>
 * <li>else, while a create requested at T may still land ({@link CreateGuard}), nothing is created;</li>
 * <li>else "create requested now" is written with a compare-and-set ({@link SnapshotRecorder#claim}) and only once the
 * API server confirmed it is Cinder called; its answer is linked with a compare-and-set too.</li>
 * </ol>
 * Nothing else is done in the same pass.
 */
final class SnapshotCreation {

    /** What the pass achieved. */
    sealed interface Link {
    }

    /** The object is linked to Cinder snapshot {@code id}, {@code created} in this pass; {@code object} is its latest copy. */
    record Linked(OpenStackSnapshot object, String id, boolean created) implements Link {
    }

    /** Nothing to link yet: look again after {@code delay}. */
    record Waiting(Duration delay) implements Link {
    }

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotCreation.class);
    private static final Duration SHORTEST_WAIT = Duration.ofMillis(200);
    private static final int LINK_ATTEMPTS = 5;
    private static final String CREATED = "Created";

    private final SnapshotParts parts;
    private final CreateGuard guard;
    private final UnansweredCreates unansweredCreates;
    private final RefusalReports refusals;

    SnapshotCreation(SnapshotParts parts, CreateGuard guard, UnansweredCreates unansweredCreates, RefusalReports refusals) {
        this.parts = parts;
        this.guard = guard;
        this.unansweredCreates = unansweredCreates;
        this.refusals = refusals;
    }

    Link linkOrCreate(OpenStackSnapshot cached, BlockStorage storage, Instant keptUntil) {
        OpenStackSnapshot snapshot = parts.recorder().fresh(cached);
        if (snapshot == null || snapshot.getMetadata().getDeletionTimestamp() != null) {
            return new Waiting(SHORTEST_WAIT); // gone or going: cleanup takes over
        }
        String linked = SnapshotFacts.statusOf(snapshot).getBackendID();
        if (linked != null) {
            return new Linked(snapshot, linked, false);
        }
        SourceVolumeStatus source = SnapshotFacts.statusOf(snapshot).getSourceVolume();
        if (source == null) {
            source = parts.sources().resolve(snapshot.getSpec().getSourceVolume(), snapshot.getMetadata().getNamespace(),
                    storage.volumes());
        }
        Instant listedAt = parts.retention().now();
        OwnerMatch.Sorted<CinderSnapshot> owned = parts.observer().findOwned(snapshot, storage, source.getId());
        refusals.report(snapshot, owned.refused());
        ResourceID id = ResourceID.fromResource(snapshot);
        if (owned.hasOurs()) {
            unansweredCreates.forget(id);
            return link(snapshot, owned.ours().get(0), keptUntil, source, "Adopted");
        }
        Instant requested = requestedAt(snapshot);
        Optional<Instant> waitUntil = guard.mustWaitUntil(requested, listedAt);
        if (waitUntil.isPresent()) {
            String message = "A create sent at " + requested + " got no answer; Cinder may still make it, so nothing "
                    + "is created again before " + waitUntil.get();
            parts.recorder().record(snapshot, Outcome.progressing(SnapshotState.CreationScheduled, message), null,
                    keptUntil, null, source);
            return new Waiting(guard.nextLookup(parts.retention().now(), waitUntil.get()));
        }
        unansweredCreates.requireSettled(id, id.toString());
        OpenStackSnapshot marked = parts.recorder().claim(snapshot,
                Outcome.progressing(SnapshotState.CreationScheduled, "Creating the snapshot"), null, keptUntil, source,
                parts.retention().now());
        CinderSnapshot created;
        try {
            created = parts.actuator().create(storage, marked, source.getId());
        } catch (CinderException e) {
            if (e instanceof TransientCinderException t && t.httpStatus() == 0) {
                unansweredCreates.noteFailure(id, t); // no answer: the mark stays, Cinder may still make it
            } else {
                clearMark(marked, keptUntil, source); // Cinder answered: it made nothing
            }
            throw e;
        }
        parts.observer().changeRequested(marked);
        return link(marked, created, keptUntil, source, CREATED);
    }

    /** Links {@code actual} with a compare-and-set, retried on fresh copies while the object has no backendID. */
    private Link link(OpenStackSnapshot snapshot, CinderSnapshot actual, Instant keptUntil, SourceVolumeStatus source,
            String how) {
        parts.observer().record(snapshot, actual);
        OpenStackSnapshot current = snapshot;
        for (int attempt = 1; current != null; attempt++) {
            String linked = SnapshotFacts.statusOf(current).getBackendID();
            if (linked != null) {
                LOG.info("{}/{}: Cinder snapshot {} not linked: already linked to {} (a duplicate, removed once seen)",
                        current.getMetadata().getNamespace(), current.getMetadata().getName(), actual.id(), linked);
                return new Linked(current, linked, false);
            }
            try {
                OpenStackSnapshot written = parts.recorder().claim(current, StateMapping.outcomeOf(actual.status(), false),
                        actual, keptUntil, source, null);
                parts.events().normal(written, how, how + " Cinder snapshot " + actual.id() + " of volume " + source.getId());
                return new Linked(written, actual.id(), how.equals(CREATED));
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt >= LINK_ATTEMPTS) {
                    throw e; // the snapshot is tagged: the next pass adopts it
                }
                current = parts.recorder().fresh(current);
            }
        }
        return new Waiting(SHORTEST_WAIT);
    }

    private void clearMark(OpenStackSnapshot marked, Instant keptUntil, SourceVolumeStatus source) {
        try {
            parts.recorder().claim(marked, Outcome.progressing(SnapshotState.CreationScheduled, "Creating the snapshot"),
                    null, keptUntil, source, null);
        } catch (KubernetesClientException e) {
            LOG.debug("{}/{}: create mark not cleared: {}", marked.getMetadata().getNamespace(),
                    marked.getMetadata().getName(), e.getMessage()); // costs one read timeout of waiting at most
        }
    }

    static Instant requestedAt(OpenStackSnapshot snapshot) {
        String at = SnapshotFacts.statusOf(snapshot).getCreateRequestedAt();
        return at == null || at.isEmpty() ? null : Instant.parse(at);
    }
}
