package dev.openstack.snapshots.operator.restoration;

import dev.openstack.snapshots.operator.api.CloudCredentialsRef;
import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotSpec;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotStatus;
import dev.openstack.snapshots.operator.api.SnapshotReference;
import dev.openstack.snapshots.operator.api.SnapshotRestoration;
import dev.openstack.snapshots.operator.api.SnapshotRestorationSpec;
import dev.openstack.snapshots.operator.api.SnapshotState;
import dev.openstack.snapshots.operator.api.SourceVolume;
import dev.openstack.snapshots.operator.cinder.CinderVolume;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Test objects for the unit tests of this package. */
final class Restorations {

    private Restorations() {
    }

    static SnapshotRestoration restoration(String name, String snapshot) {
        SnapshotRestoration r = new SnapshotRestoration();
        r.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("team-a").withUid("uid-" + name)
                .withGeneration(1L).withCreationTimestamp("2026-01-01T00:00:00Z").build());
        SnapshotRestorationSpec spec = new SnapshotRestorationSpec();
        spec.setSnapshotRef(new SnapshotReference(snapshot));
        r.setSpec(spec);
        return r;
    }

    static OpenStackSnapshot snapshot(String name, SnapshotState state, boolean ready, String backendId) {
        OpenStackSnapshot s = new OpenStackSnapshot();
        s.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("team-a").withUid("uid-" + name).build());
        OpenStackSnapshotSpec spec = new OpenStackSnapshotSpec();
        spec.setCloudCredentialsRef(new CloudCredentialsRef("clouds", "openstack"));
        spec.setSourceVolume(SourceVolume.byId("vol-1"));
        s.setSpec(spec);
        OpenStackSnapshotStatus status = new OpenStackSnapshotStatus();
        status.setState(state);
        status.setBackendID(backendId);
        status.setConditions(List.of(new ConditionBuilder().withType("Ready").withStatus(ready ? "True" : "False")
                .withReason(ready ? "Success" : "Progressing").build()));
        s.setStatus(status);
        return s;
    }

    static CinderVolume volume(String id, String status, int sizeGiB, List<String> devices) {
        return new CinderVolume(id, "restored", "Restored from snapshot s", status, sizeGiB, "snap-1", "__DEFAULT__",
                "nova", Map.of(), devices, Instant.parse("2026-01-02T03:04:05Z"), null);
    }
}
