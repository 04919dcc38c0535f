package dev.openstack.snapshots.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openstack.snapshots.e2e.cluster.OperatorOnRealCluster;
import dev.openstack.snapshots.operator.api.CloudCredentialsRef;
import dev.openstack.snapshots.operator.api.DeletionPolicy;
import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotSchedule;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotScheduleSpec;
import dev.openstack.snapshots.operator.api.RestoredClaimSpec;
import dev.openstack.snapshots.operator.api.RestoredVolumeSpec;
import dev.openstack.snapshots.operator.api.Retention;
import dev.openstack.snapshots.operator.api.SnapshotReference;
import dev.openstack.snapshots.operator.api.SnapshotRestoration;
import dev.openstack.snapshots.operator.api.SnapshotRestorationSpec;
import dev.openstack.snapshots.operator.api.SnapshotState;
import dev.openstack.snapshots.operator.api.SnapshotTemplate;
import dev.openstack.snapshots.operator.api.SourceVolume;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimStatusBuilder;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SnapshotRestoration (restore into a new volume) and one tick of an OpenStackSnapshotSchedule, on real Cinder. */
class RestorationAndScheduleE2E extends OperatorE2ESupport {

    @Test
    void restoreIntoNewVolumesThenDeleteThemPerDeletionPolicy() {
        String ns = namespace("restore");
        String volume = sourceVolume("restore-src");
        snapshotOf(ns, "origin", volume, spec -> { });
        String snapshotId = awaitState(ns, "origin", SnapshotState.OK).getStatus().getBackendID();

        restoration(ns, "doomed", DeletionPolicy.Delete);
        restoration(ns, "kept", DeletionPolicy.Retain);
        SnapshotRestoration doomed = awaitRestoration(ns, "doomed", SnapshotState.OK);
        SnapshotRestoration kept = awaitRestoration(ns, "kept", SnapshotState.OK);
        String doomedVolume = doomed.getStatus().getVolumeID();
        String keptVolume = kept.getStatus().getVolumeID();
        assertNotNull(doomedVolume);
        afterwards(() -> cinder.deleteVolumeAndWait(keptVolume));
        afterwards(() -> cinder.deleteVolumeAndWait(doomedVolume));
        assertEquals("available", doomed.getStatus().getVolumeRuntimeState());
        JsonNode restored = cinder.volume(doomedVolume).orElseThrow();
        assertEquals("available", restored.path("status").asText());
        assertEquals(snapshotId, restored.path("snapshot_id").asText());
        assertEquals(prefix + "doomed", restored.path("name").asText());
        assertEquals(1, restored.path("size").asInt());
        awaitSnapshot(ns, "origin", "lists both restorations", s -> s.getStatus().getRestorations().stream()
                .map(r -> r.getVolumeID()).filter(id -> id != null).toList().containsAll(List.of(doomedVolume, keptVolume)));

        deleteRestoration(ns, "doomed");
        await("restored volume deleted (deletionPolicy Delete)").atMost(PATIENCE)
                .until(() -> cinder.volume(doomedVolume).isEmpty());
        deleteRestoration(ns, "kept");
        assertEquals("available", cinder.volume(keptVolume).orElseThrow().path("status").asText(),
                "deletionPolicy Retain leaves the volume");

        deleteObject(ns, "origin");
        await("snapshot deleted").atMost(PATIENCE).until(() -> cinder.snapshot(snapshotId).isEmpty());
    }

    @Test
    void restoreIntoAClaimThatKubernetesBindsThenDeleteClaimPvAndVolume() {
        String ns = namespace("restore-pvc");
        String volume = sourceVolume("restore-pvc-src");
        snapshotOf(ns, "origin", volume, spec -> { });
        String snapshotId = awaitState(ns, "origin", SnapshotState.OK).getStatus().getBackendID();

        // The Cinder volume is named after the restoration: the run prefix keeps it in the leak check's sweep.
        String name = prefix + "claim";
        SnapshotRestorationSpec spec = new SnapshotRestorationSpec();
        spec.setSnapshotRef(new SnapshotReference("origin"));
        RestoredClaimSpec claim = new RestoredClaimSpec();
        claim.setName("restored-data");
        claim.setFsType("ext4");
        spec.setPersistentVolumeClaim(claim);
        spec.setDeletionPolicy(DeletionPolicy.Delete);
        SnapshotRestoration restoration = new SnapshotRestoration();
        restoration.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName(name).build());
        restoration.setSpec(spec);
        operator.kubernetes().resource(restoration).create();

        SnapshotRestoration made = await(ns + "/" + name + " PV and claim made").atMost(PATIENCE)
                .until(() -> restorationResource(ns, name).get(), r -> r != null && r.getStatus() != null
                        && r.getStatus().getPersistentVolumeName() != null);
        String volumeId = made.getStatus().getVolumeID();
        afterwards(() -> cinder.deleteVolumeAndWait(volumeId));
        JsonNode restored = cinder.volume(volumeId).orElseThrow();
        assertEquals(snapshotId, restored.path("snapshot_id").asText());
        PersistentVolume pv = operator.kubernetes().persistentVolumes().withName(made.getStatus().getPersistentVolumeName()).get();
        assertEquals(volumeId, pv.getSpec().getCsi().getVolumeHandle());
        assertEquals(List.of(restored.path("availability_zone").asText()), pv.getSpec().getNodeAffinity().getRequired()
                .getNodeSelectorTerms().get(0).getMatchExpressions().get(0).getValues(), "the PV follows the volume's zone");
        if (!(operator instanceof OperatorOnRealCluster)) {
            // No PV controller behind the mock API server: bind as kube-controller-manager would.
            operator.kubernetes().persistentVolumeClaims().inNamespace(ns).withName("restored-data").editStatus(c -> {
                c.setStatus(new PersistentVolumeClaimStatusBuilder().withPhase("Bound").build());
                return c;
            });
        }
        SnapshotRestoration ok = awaitRestoration(ns, name, SnapshotState.OK);
        assertEquals("Bound", ok.getStatus().getClaimPhase());
        assertEquals("Bound", operator.kubernetes().persistentVolumeClaims().inNamespace(ns).withName("restored-data").get()
                .getStatus().getPhase());

        deleteRestoration(ns, name);
        assertNull(operator.kubernetes().persistentVolumeClaims().inNamespace(ns).withName("restored-data").get());
        assertNull(operator.kubernetes().persistentVolumes().withName(pv.getMetadata().getName()).get());
        await("restored volume deleted (deletionPolicy Delete)").atMost(PATIENCE)
                .until(() -> cinder.volume(volumeId).isEmpty());
        deleteObject(ns, "origin");
        await("snapshot deleted").atMost(PATIENCE).until(() -> cinder.snapshot(snapshotId).isEmpty());
    }

    @Test
    void aScheduleTickMakesASnapshot() {
        String ns = namespace("sched");
        String volume = sourceVolume("sched-src");
        OpenStackSnapshotScheduleSpec spec = new OpenStackSnapshotScheduleSpec();
        spec.setCloudCredentialsRef(new CloudCredentialsRef(OperatorUnderTest.SECRET, settings.cloud()));
        spec.setSourceVolume(SourceVolume.byId(volume));
        spec.setSchedule("* * * * *");
        spec.setRetention(new Retention("1h", 3));
        SnapshotTemplate template = new SnapshotTemplate();
        template.setDescription("made by the schedule");
        template.setDeletionPolicy(DeletionPolicy.Delete);
        spec.setSnapshotTemplate(template);
        OpenStackSnapshotSchedule schedule = new OpenStackSnapshotSchedule();
        schedule.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName("every-minute").build());
        schedule.setSpec(spec);
        operator.kubernetes().resource(schedule).create();

        OpenStackSnapshot child = await("a scheduled snapshot is OK").atMost(PATIENCE).until(() -> children(ns).stream()
                .filter(s -> s.getStatus() != null && s.getStatus().getState() == SnapshotState.OK).findFirst(),
                java.util.Optional::isPresent).orElseThrow();
        JsonNode inCinder = cinder.snapshot(child.getStatus().getBackendID()).orElseThrow();
        assertEquals("made by the schedule", inCinder.path("description").asText());
        assertEquals(volume, inCinder.path("volume_id").asText());
        assertNotNull(child.getSpec().getKeptUntil(), "keepFor gives each child a keptUntil");

        // stop the schedule, then remove what it made (schedules do not own their snapshots)
        operator.kubernetes().resources(OpenStackSnapshotSchedule.class).inNamespace(ns).withName("every-minute").edit(s -> {
            s.getSpec().setSuspend(true);
            return s;
        });
        operator.kubernetes().resources(OpenStackSnapshotSchedule.class).inNamespace(ns).withName("every-minute").delete();
        for (OpenStackSnapshot made : children(ns)) {
            deleteObject(ns, made.getMetadata().getName());
        }
        await("scheduled snapshots deleted in Cinder").atMost(PATIENCE).until(() -> cinder.snapshots().stream()
                .noneMatch(s -> s.path("volume_id").asText().equals(volume)));
    }

    private List<OpenStackSnapshot> children(String ns) {
        return operator.kubernetes().resources(OpenStackSnapshot.class).inNamespace(ns)
                .withLabel(OpenStackSnapshotSchedule.SCHEDULE_LABEL, "every-minute").list().getItems();
    }

    private void restoration(String ns, String name, DeletionPolicy policy) {
        SnapshotRestorationSpec spec = new SnapshotRestorationSpec();
        spec.setSnapshotRef(new SnapshotReference("origin"));
        RestoredVolumeSpec volume = new RestoredVolumeSpec();
        volume.setName(prefix + name);
        volume.setMetadata(Map.of("restored-by", "e2e"));
        spec.setVolume(volume);
        spec.setDeletionPolicy(policy);
        SnapshotRestoration restoration = new SnapshotRestoration();
        restoration.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName(name).build());
        restoration.setSpec(spec);
        operator.kubernetes().resource(restoration).create();
    }

    private Resource<SnapshotRestoration> restorationResource(String ns, String name) {
        return operator.kubernetes().resources(SnapshotRestoration.class).inNamespace(ns).withName(name);
    }

    private SnapshotRestoration awaitRestoration(String ns, String name, SnapshotState state) {
        return await(ns + "/" + name + " " + state).atMost(PATIENCE).until(() -> restorationResource(ns, name).get(),
                r -> r != null && r.getStatus() != null && r.getStatus().getState() == state);
    }

    private void deleteRestoration(String ns, String name) {
        restorationResource(ns, name).delete();
        await(ns + "/" + name + " gone").atMost(PATIENCE).until(() -> restorationResource(ns, name).get() == null);
    }
}
