package dev.openstack.snapshots.operator.restoration;

import dev.openstack.snapshots.operator.api.CloudCredentialsRef;
import dev.openstack.snapshots.operator.api.SnapshotRestoration;
import dev.openstack.snapshots.operator.api.SnapshotRestorationStatus;
import dev.openstack.snapshots.operator.cinder.CinderVolume;
import dev.openstack.snapshots.operator.flow.CreateOrAdopt;
import dev.openstack.snapshots.operator.status.StatusPatcher;
import java.time.Instant;

/**
 * A restoration's side of {@link CreateOrAdopt}, for one pass: the create mark records the cloud the create goes to
 * (a deletion must be able to look for what the create may still make even when the restored snapshot, which names
 * the cloud, is gone by then); the link records the volume, the Cinder snapshot and the cloud.
 */
final class VolumeLinking implements CreateOrAdopt.Records<SnapshotRestoration, CinderVolume> {

    private final StatusPatcher<SnapshotRestoration, SnapshotRestorationStatus> writer;
    private final RestorationStatusFactory statuses;
    private final String snapshotId;
    private final CloudCredentialsRef credentials;

    VolumeLinking(StatusPatcher<SnapshotRestoration, SnapshotRestorationStatus> writer, RestorationStatusFactory statuses,
            String snapshotId, CloudCredentialsRef credentials) {
        this.writer = writer;
        this.statuses = statuses;
        this.snapshotId = snapshotId;
        this.credentials = credentials;
    }

    @Override
    public SnapshotRestoration fresh(SnapshotRestoration cached) {
        return writer.fresh(cached);
    }

    @Override
    public String linkedId(SnapshotRestoration restoration) {
        return restoration.getStatus() == null ? null : restoration.getStatus().getVolumeID();
    }

    @Override
    public Instant requestedAt(SnapshotRestoration restoration) {
        return restoration.getStatus() == null ? null : requestedAt(restoration.getStatus());
    }

    static Instant requestedAt(SnapshotRestorationStatus status) {
        String at = status.getCreateRequestedAt();
        return at == null || at.isEmpty() ? null : Instant.parse(at);
    }

    @Override
    public void waitingForCreate(SnapshotRestoration restoration, Instant requested, Instant until) {
        writer.write(restoration, statuses.transientFailure(restoration.getStatus(), generation(restoration),
                "A volume create sent at " + requested + " got no answer; Cinder may still make it, so nothing is "
                        + "created again before " + until));
    }

    @Override
    public SnapshotRestoration markCreate(SnapshotRestoration restoration, Instant at) {
        return writer.claim(restoration, withMark(restoration, at, credentials));
    }

    @Override
    public void clearMark(SnapshotRestoration marked) {
        writer.claim(marked, withMark(marked, null, null));
    }

    @Override
    public SnapshotRestoration link(SnapshotRestoration restoration, CinderVolume volume, boolean created) {
        SnapshotRestorationStatus next = statuses.volumeRecorded(restoration.getStatus(), generation(restoration), volume,
                snapshotId, credentials);
        next.setCreateRequestedAt(null);
        return writer.claim(restoration, next);
    }

    private static SnapshotRestorationStatus withMark(SnapshotRestoration restoration, Instant at,
            CloudCredentialsRef credentials) {
        SnapshotRestorationStatus next = RestorationStatusFactory.copyOf(restoration.getStatus(), generation(restoration));
        next.setCreateRequestedAt(at == null ? null : at.toString());
        if (credentials != null && next.getCloudCredentialsRef() == null) {
            next.setCloudCredentialsRef(new CloudCredentialsRef(credentials.getSecretName(), credentials.getCloudName()));
        }
        return next;
    }

    private static long generation(SnapshotRestoration restoration) {
        return restoration.getMetadata().getGeneration();
    }
}
