package dev.openstack.snapshots.e2e.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openstack.snapshots.e2e.OperatorUnderTest;
import dev.openstack.snapshots.operator.api.CloudCredentialsRef;
import dev.openstack.snapshots.operator.api.DeletionPolicy;
import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotSchedule;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotScheduleSpec;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotSpec;
import dev.openstack.snapshots.operator.api.RestoredClaimSpec;
import dev.openstack.snapshots.operator.api.Retention;
import dev.openstack.snapshots.operator.api.RestoredVolumeSpec;
import dev.openstack.snapshots.operator.api.SnapshotReference;
import dev.openstack.snapshots.operator.api.SnapshotRestoration;
import dev.openstack.snapshots.operator.api.SnapshotRestorationSpec;
import dev.openstack.snapshots.operator.api.SnapshotState;
import dev.openstack.snapshots.operator.api.SnapshotTemplate;
import dev.openstack.snapshots.operator.api.SourceVolume;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Labels and names the operator derives from user names pass the real API server's validation (the mock checks
 * none): a restoration of a snapshot whose name is far longer than a label value may be, a restoration with such a
 * name into a claim (its PV and claim carry its name as a label), and a schedule whose children are named after a
 * long schedule name and a volume id.
 */
@ExtendWith(RealClusterCondition.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LongNamesClusterIT {

    private static final Duration PATIENCE = Duration.ofMinutes(3);
    /** 120 characters: a valid object name, twice what a label value may hold. */
    private static final String LONG_SNAPSHOT = "a".repeat(60) + "-before-the-upgrade-of-the-database-cluster-to-version-15-" + "b";

    private SimulatedCloud cloud;
    private OperatorOnRealCluster operator;
    private KubernetesClient kubernetes;
    private String ns;
    private String volume;

    @BeforeAll
    void start() {
        cloud = new SimulatedCloud();
        operator = OperatorOnRealCluster.start(RealCluster.fromEnvironment().orElseThrow());
        kubernetes = operator.kubernetes();
        ns = "long-" + UUID.randomUUID().toString().substring(0, 6);
        operator.namespaceWithClouds(ns, cloud.cloudsYaml());
        volume = cloud.createVolume(ns + "-data");
    }

    @AfterAll
    void stop() {
        try {
            if (kubernetes != null) {
                kubernetes.resources(SnapshotRestoration.class).inNamespace(ns).delete();
                kubernetes.resources(OpenStackSnapshotSchedule.class).inNamespace(ns).delete();
                kubernetes.resources(OpenStackSnapshot.class).inNamespace(ns).delete();
            }
            if (operator != null) {
                operator.close();
            }
        } finally {
            if (cloud != null) {
                cloud.close();
            }
        }
    }

    @Test
    void aRestorationOfASnapshotWithALongNameStarts() {
        assertTrue(LONG_SNAPSHOT.length() > 63);
        OpenStackSnapshotSpec spec = new OpenStackSnapshotSpec();
        spec.setCloudCredentialsRef(new CloudCredentialsRef(OperatorUnderTest.SECRET, SimulatedCloud.CLOUD));
        spec.setSourceVolume(SourceVolume.byId(volume));
        OpenStackSnapshot snapshot = new OpenStackSnapshot();
        snapshot.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName(LONG_SNAPSHOT).build());
        snapshot.setSpec(spec);
        kubernetes.resource(snapshot).create();

        SnapshotRestorationSpec restore = new SnapshotRestorationSpec();
        restore.setSnapshotRef(new SnapshotReference(LONG_SNAPSHOT));
        restore.setVolume(new RestoredVolumeSpec());
        restore.setDeletionPolicy(DeletionPolicy.Delete);
        SnapshotRestoration restoration = new SnapshotRestoration();
        restoration.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName("restore-long").build());
        restoration.setSpec(restore);
        kubernetes.resource(restoration).create();

        SnapshotRestoration done = await("restore-long OK (operator log " + operator.process().log() + ")").atMost(PATIENCE)
                .until(() -> kubernetes.resources(SnapshotRestoration.class).inNamespace(ns).withName("restore-long").get(),
                        r -> r.getStatus() != null && r.getStatus().getState() == SnapshotState.OK);
        String label = done.getMetadata().getLabels().get(SnapshotRestoration.SNAPSHOT_LABEL);
        assertTrue(label != null && label.length() <= 63, "the snapshot label holds a valid value: " + label);
        List<SnapshotRestoration> bySnapshot = kubernetes.resources(SnapshotRestoration.class).inNamespace(ns)
                .withLabel(SnapshotRestoration.SNAPSHOT_LABEL, label).list().getItems();
        assertEquals(1, bySnapshot.size(), "kubectl get osrestore -l finds the restoration by its snapshot's label");
    }

    @Test
    void aRestorationWithALongNameIntoAClaimIsBound() {
        String name = "restore-of-the-orders-database-before-the-upgrade-to-version-15-" + "x".repeat(60);
        OpenStackSnapshotSpec source = new OpenStackSnapshotSpec();
        source.setCloudCredentialsRef(new CloudCredentialsRef(OperatorUnderTest.SECRET, SimulatedCloud.CLOUD));
        source.setSourceVolume(SourceVolume.byId(volume));
        OpenStackSnapshot snapshot = new OpenStackSnapshot();
        snapshot.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName("for-a-claim").build());
        snapshot.setSpec(source);
        kubernetes.resource(snapshot).create();

        SnapshotRestorationSpec restore = new SnapshotRestorationSpec();
        restore.setSnapshotRef(new SnapshotReference("for-a-claim"));
        restore.setDeletionPolicy(DeletionPolicy.Delete);
        RestoredClaimSpec claim = new RestoredClaimSpec();
        claim.setName("long-data");
        restore.setPersistentVolumeClaim(claim);
        SnapshotRestoration restoration = new SnapshotRestoration();
        restoration.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName(name).build());
        restoration.setSpec(restore);
        kubernetes.resource(restoration).create();

        // OK only once kube-controller-manager's PV controller bound the claim the API server accepted with its labels.
        SnapshotRestoration done = await(name + " OK (operator log " + operator.process().log() + ")").atMost(PATIENCE)
                .until(() -> kubernetes.resources(SnapshotRestoration.class).inNamespace(ns).withName(name).get(),
                        r -> r.getStatus() != null && r.getStatus().getState() == SnapshotState.OK);
        assertEquals("Bound", done.getStatus().getClaimPhase());
        PersistentVolumeClaim pvc = kubernetes.persistentVolumeClaims().inNamespace(ns).withName("long-data").get();
        PersistentVolume pv = kubernetes.persistentVolumes().withName(done.getStatus().getPersistentVolumeName()).get();
        for (var labels : List.of(pvc.getMetadata().getLabels(), pv.getMetadata().getLabels())) {
            assertEquals(done.getMetadata().getUid(), labels.get("blockstorage.openstack.dev/restoration-uid"));
            labels.values().forEach(v -> assertTrue(v.length() <= 63, "label value " + v));
        }

        // deletionPolicy Delete: claim, PV and volume go with it (nothing cluster-scoped left behind)
        kubernetes.resources(SnapshotRestoration.class).inNamespace(ns).withName(name).delete();
        await(name + " gone (operator log " + operator.process().log() + ")").atMost(PATIENCE)
                .until(() -> kubernetes.resources(SnapshotRestoration.class).inNamespace(ns).withName(name).get() == null);
        assertEquals(null, kubernetes.persistentVolumes().withName(pv.getMetadata().getName()).get());
    }

    @Test
    void aScheduleWithALongNameAndAVolumeIdSourceMakesChildren() {
        String name = "nightly-backup-of-the-orders-database-primary";
        OpenStackSnapshotScheduleSpec spec = new OpenStackSnapshotScheduleSpec();
        spec.setCloudCredentialsRef(new CloudCredentialsRef(OperatorUnderTest.SECRET, SimulatedCloud.CLOUD));
        spec.setSourceVolume(SourceVolume.byId(volume));
        spec.setSchedule("* * * * *");
        spec.setRetention(new Retention("1h", 2));
        SnapshotTemplate template = new SnapshotTemplate();
        template.setDeletionPolicy(DeletionPolicy.Delete);
        spec.setSnapshotTemplate(template);
        OpenStackSnapshotSchedule schedule = new OpenStackSnapshotSchedule();
        schedule.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName(name).build());
        schedule.setSpec(spec);
        kubernetes.resource(schedule).create();

        OpenStackSnapshot child = await("a child of " + name + " OK (operator log " + operator.process().log() + ")")
                .atMost(PATIENCE).until(() -> kubernetes.resources(OpenStackSnapshot.class).inNamespace(ns)
                        .withLabel(OpenStackSnapshotSchedule.SCHEDULE_LABEL).list().getItems().stream()
                        .filter(s -> s.getStatus() != null && s.getStatus().getState() == SnapshotState.OK).findFirst(),
                        java.util.Optional::isPresent).orElseThrow();
        assertTrue(child.getMetadata().getName().length() > 63, "the child's name is longer than a label value: "
                + child.getMetadata().getName());
        child.getMetadata().getLabels().values().forEach(v -> assertTrue(v.length() <= 63, "label value " + v));
    }
}
