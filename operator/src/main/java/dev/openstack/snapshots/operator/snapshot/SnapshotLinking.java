package dev.openstack.snapshots.operator.snapshot;

import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotStatus;
import dev.openstack.snapshots.operator.api.SnapshotState;
import dev.openstack.snapshots.operator.api.SourceVolumeStatus;
import dev.openstack.snapshots.operator.cinder.CinderSnapshot;
import dev.openstack.snapshots.operator.cinder.CinderVolumes;
import dev.openstack.snapshots.operator.events.TransitionEvents;
import dev.openstack.snapshots.operator.flow.CreateOrAdopt;
import dev.openstack.snapshots.operator.source.SourceVolumeResolver;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Instant;

/**
 * A snapshot's side of {@link CreateOrAdopt}, for one pass: the source volume is resolved once and recorded with the
 * create mark (so a deletion can look for what the create may still make), the link is recorded with the source,
 * the poller is told at once, and the link is announced (Created or Adopted).
 */
final class SnapshotLinking implements CreateOrAdopt.Records<OpenStackSnapshot, CinderSnapshot> {

    private static final String CREATING = "Creating the snapshot";

    private final SnapshotRecorder recorder;
    private final SnapshotObserver observer;
    private final TransitionEvents events;
    private final SourceVolumeResolver sources;
    private final CinderVolumes volumes;
    private SourceVolumeStatus source;

    SnapshotLinking(SnapshotRecorder recorder, SnapshotObserver observer, TransitionEvents events,
            SourceVolumeResolver sources, CinderVolumes volumes) {
        this.recorder = recorder;
        this.observer = observer;
        this.events = events;
        this.sources = sources;
        this.volumes = volumes;
    }

    @Override
    public OpenStackSnapshot fresh(OpenStackSnapshot cached) {
        return recorder.fresh(cached);
    }

    @Override
    public String linkedId(OpenStackSnapshot snapshot) {
        return SnapshotFacts.statusOf(snapshot).getBackendID();
    }

    /** The source volume, resolved once per pass (a name or a PVC) and carried in status from then on. */
    @Override
    public OpenStackSnapshot prepare(OpenStackSnapshot snapshot) {
        SourceVolumeStatus recorded = SnapshotFacts.statusOf(snapshot).getSourceVolume();
        if (recorded != null) {
            source = recorded;
            return snapshot;
        }
        if (source == null) {
            source = sources.resolve(snapshot.getSpec().getSourceVolume(), snapshot.getMetadata().getNamespace(), volumes);
        }
        OpenStackSnapshot resolved = Serialization.clone(snapshot);
        OpenStackSnapshotStatus status = SnapshotFacts.statusOf(resolved);
        status.setSourceVolume(source);
        resolved.setStatus(status);
        return resolved;
    }

    @Override
    public Instant requestedAt(OpenStackSnapshot snapshot) {
        String at = SnapshotFacts.statusOf(snapshot).getCreateRequestedAt();
        return at == null || at.isEmpty() ? null : Instant.parse(at);
    }

    @Override
    public void waitingForCreate(OpenStackSnapshot snapshot, Instant requested, Instant until) {
        recorder.record(snapshot, Outcome.progressing(SnapshotState.CreationScheduled, "A create sent at " + requested
                + " got no answer; Cinder may still make it, so nothing is created again before " + until));
    }

    @Override
    public OpenStackSnapshot markCreate(OpenStackSnapshot snapshot, Instant at) {
        return recorder.claim(snapshot, Outcome.progressing(SnapshotState.CreationScheduled, CREATING), null, at);
    }

    @Override
    public void clearMark(OpenStackSnapshot marked) {
        recorder.claim(marked, Outcome.progressing(SnapshotState.CreationScheduled, CREATING), null, null);
    }

    @Override
    public OpenStackSnapshot link(OpenStackSnapshot current, CinderSnapshot actual, boolean created) {
        OpenStackSnapshot snapshot = prepare(current); // a fresh copy after a conflict may not carry it yet
        if (created) {
            observer.changeRequested(snapshot);
        }
        observer.record(snapshot, actual);
        OpenStackSnapshot written = recorder.claim(snapshot, Outcome.ofCinder(actual.status(), false), actual, null);
        String how = created ? "Created" : "Adopted";
        events.normal(written, how, how + " Cinder snapshot " + actual.id() + " of volume " + source.getId());
        return written;
    }
}
