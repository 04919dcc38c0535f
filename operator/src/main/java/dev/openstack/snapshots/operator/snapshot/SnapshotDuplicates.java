package dev.openstack.snapshots.operator.snapshot;

import dev.openstack.snapshots.operator.adoption.OwnerMatch;
import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.SourceVolumeStatus;
import dev.openstack.snapshots.operator.cinder.CinderException;
import dev.openstack.snapshots.operator.cinder.CinderSnapshot;
import dev.openstack.snapshots.operator.events.TransitionEvents;
import dev.openstack.snapshots.operator.flow.RefusalReports;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the Cinder snapshots that are wholly this object's (every owner tag and the source volume) but not the one
 * it is linked to: what a create left whose answer never came and that Cinder made after a second create (or after
 * another operator process linked another). The link (status.backendID) is set once by compare-and-set and never
 * changes, so every process keeps the same one. Found in the poller's listings, which already read every snapshot,
 * so this costs no call; each removal is a Warning event "DuplicateRemoved".
 */
final class SnapshotDuplicates {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotDuplicates.class);
    private static final Set<String> SETTLING = Set.of("creating", "deleting");

    private final SnapshotObserver observer;
    private final RefusalReports refusals;
    private final TransitionEvents events;
    private final Set<String> removing = ConcurrentHashMap.newKeySet();

    SnapshotDuplicates(SnapshotObserver observer, RefusalReports refusals, TransitionEvents events) {
        this.observer = observer;
        this.refusals = refusals;
        this.events = events;
    }

    /** Deletes the duplicates of {@code keep} the last listing shows; imports are never looked at (not ours). */
    void removeExtras(OpenStackSnapshot snapshot, SnapshotActuator actuator, String keep) {
        if (snapshot.getSpec().getBackendID() != null) {
            return;
        }
        SourceVolumeStatus source = SnapshotFacts.statusOf(snapshot).getSourceVolume();
        OwnerMatch.Sorted<CinderSnapshot> listed = observer.listedOwned(snapshot,
                source == null ? null : source.getId());
        refusals.report(snapshot, actuator.noun(), listed.refused());
        for (CinderSnapshot extra : listed.ours()) {
            if (extra.id().equals(keep) || SETTLING.contains(extra.status()) || !removing.add(extra.id())) {
                continue; // a creating one is deleted once available: the poller triggers us when it changes
            }
            var meta = snapshot.getMetadata();
            try {
                actuator.delete(snapshot, extra.id());
                observer.changeRequested(snapshot);
                String message = "Cinder snapshot " + extra.id() + " also carried this object's owner tags (a create "
                        + "whose answer never came, made late by Cinder); deleted it, keeping " + keep;
                LOG.warn("{}/{}: {}", meta.getNamespace(), meta.getName(), message);
                events.warning(snapshot, "DuplicateRemoved", message);
            } catch (CinderException e) {
                removing.remove(extra.id()); // tried again on the next trigger
                LOG.warn("{}/{}: could not delete duplicate Cinder snapshot {}: {}", meta.getNamespace(), meta.getName(),
                        extra.id(), e.getMessage());
            }
        }
    }
}
