package dev.openstack.snapshots.sandbox;

import dev.openstack.snapshots.operator.testing.admin.CinderAdmin;
import dev.openstack.snapshots.operator.api.CloudCredentialsRef;
import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotSchedule;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotScheduleSpec;
import dev.openstack.snapshots.operator.api.Retention;
import dev.openstack.snapshots.operator.api.SnapshotRestoration;
import dev.openstack.snapshots.operator.api.SnapshotState;
import dev.openstack.snapshots.operator.api.SourceVolume;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The life of a snapshot, told through the Kubernetes API: apply examples/, watch them go Creating -> OK, then an
 * update, a pull, a restoration, a schedule tick, an expiry and deletions. Every step checks its outcome (in
 * Kubernetes and in Cinder) and fails the run when the product does not do what it promises.
 */
final class Scenario {

    static final String NAMESPACE = "team-a";
    /** The PV of the source claim pg-data. */
    private static final String SOURCE_PV = "pv-pg-data";
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);

    private final EmbeddedStack stack;
    private final KubernetesClient client;
    private final CinderAdmin cloud;
    private final PrintStream out;
    private final List<String> shown = new ArrayList<>();

    Scenario(EmbeddedStack stack, PrintStream out) {
        this.stack = stack;
        this.client = stack.client();
        this.cloud = CinderAdmin.of(stack.simulator());
        this.out = out;
    }

    /**
     * examples/restore-to-pvc.yaml: the volume, then the PV and claim the operator makes. No PV controller runs on the
     * mock API server, so there the claim stays Pending and the restoration WaitingForBinding; on a real cluster
     * (--kubeconfig) kube-controller-manager binds them and the restoration turns OK, which this step then requires.
     */
    private void restoreIntoClaim() {
        step("Restore into a claim: examples/restore-to-pvc.yaml restores pg-before-upgrade into PVC pg-data-restored");
        Waits.until("pg-restored-claim to have made its PV and claim", STEP_TIMEOUT, () -> {
            SnapshotRestoration r = client.resources(SnapshotRestoration.class).inNamespace(NAMESPACE)
                    .withName("pg-restored-claim").get();
            return r != null && r.getStatus() != null && r.getStatus().getPersistentVolumeName() != null;
        });
        SnapshotRestoration r = client.resources(SnapshotRestoration.class).inNamespace(NAMESPACE)
                .withName("pg-restored-claim").get();
        var pv = client.persistentVolumes().withName(r.getStatus().getPersistentVolumeName()).get();
        var pvc = client.persistentVolumeClaims().inNamespace(NAMESPACE).withName("pg-data-restored").get();
        require(pv != null && pvc != null, "the PV and the claim exist");
        require(r.getStatus().getVolumeID().equals(pv.getSpec().getCsi().getVolumeHandle()), "the PV's volumeHandle is the volume");
        require(pv.getMetadata().getName().equals(pvc.getSpec().getVolumeName()), "the claim names the PV");
        out.println("      PersistentVolume " + pv.getMetadata().getName() + ": csi.driver=" + pv.getSpec().getCsi().getDriver()
                + " volumeHandle=" + pv.getSpec().getCsi().getVolumeHandle() + " fsType=" + pv.getSpec().getCsi().getFsType()
                + " capacity=" + pv.getSpec().getCapacity().get("storage") + " reclaim="
                + pv.getSpec().getPersistentVolumeReclaimPolicy() + " claimRef=" + pv.getSpec().getClaimRef().getNamespace()
                + "/" + pv.getSpec().getClaimRef().getName() + " zone="
                + pv.getSpec().getNodeAffinity().getRequired().getNodeSelectorTerms().get(0).getMatchExpressions().get(0).getValues());
        out.println("      PersistentVolumeClaim " + NAMESPACE + "/" + pvc.getMetadata().getName() + ": volumeName="
                + pvc.getSpec().getVolumeName() + " request=" + pvc.getSpec().getResources().getRequests().get("storage")
                + " accessModes=" + pvc.getSpec().getAccessModes());
        if (!stack.bindsClaims()) {
            out.println("      restoration " + r.getStatus().getState() + ", claim " + r.getStatus().getClaimPhase()
                    + ": no PV controller runs on the sandbox's mock API server; on a cluster kube-controller-manager binds"
                    + " them and the restoration turns OK (java -jar sandbox/target/sandbox.jar --kubeconfig FILE)");
            shown.add("restoration into a claim");
            return;
        }
        Waits.until("pg-restored-claim OK with its claim Bound", STEP_TIMEOUT, () -> {
            SnapshotRestoration now = client.resources(SnapshotRestoration.class).inNamespace(NAMESPACE).withName("pg-restored-claim").get();
            if (now.getStatus().getState() == SnapshotState.Erred) {
                throw new ScenarioFailure("pg-restored-claim Erred: " + now.getStatus().getErrorMessage());
            }
            return now.getStatus().getState() == SnapshotState.OK && "Bound".equals(now.getStatus().getClaimPhase());
        });
        var bound = client.persistentVolumeClaims().inNamespace(NAMESPACE).withName("pg-data-restored").get();
        var boundPv = client.persistentVolumes().withName(r.getStatus().getPersistentVolumeName()).get();
        require("Bound".equals(bound.getStatus().getPhase()) && "Bound".equals(boundPv.getStatus().getPhase()),
                "the claim and the PV are Bound");
        // The operator writes the claimRef without the claim's uid: only the PV controller fills it in.
        require(bound.getMetadata().getUid().equals(boundPv.getSpec().getClaimRef().getUid()), "the PV controller bound them");
        out.println("      PersistentVolumeClaim " + NAMESPACE + "/" + bound.getMetadata().getName() + ": STATUS "
                + bound.getStatus().getPhase() + " VOLUME " + bound.getSpec().getVolumeName() + " CAPACITY "
                + bound.getStatus().getCapacity().get("storage") + " (bound by kube-controller-manager's PV controller;"
                + " the PV's claimRef.uid is the claim's); restoration " + SnapshotState.OK);
        out.println("      kubectl get pvc pg-data-restored -n " + NAMESPACE + "   # a pod can mount it (docs/user-guide.md)");
        shown.add("restoration into a claim, Bound");
    }

    /** What the run showed, and every example object it applied. */
    record Outcome(List<String> shown, List<Examples.Applied> applied) {
    }

    Outcome run() {
        step("Cinder (simulator at " + stack.simulator().authUrl() + "): volumes pg-data 10 GiB and web-data 5 GiB, "
                + "a PVC pg-data bound to pg-data, and a snapshot taken by hand outside Kubernetes (to import)");
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build()).create();
        String pgData = cloud.createVolume("pg-data", 10);
        String webData = cloud.createVolume("web-data", 5);
        claimFor(pgData);
        // On a real cluster the PV controller binds pg-data (the mock stores the status written): the PVC source must be Bound.
        Waits.until("PVC pg-data Bound", STEP_TIMEOUT, () -> "Bound".equals(
                client.persistentVolumeClaims().inNamespace(NAMESPACE).withName("pg-data").get().getStatus().getPhase()));
        String handMade = cloud.createSnapshot(webData, "legacy-nightly");

        step("kubectl apply -f examples/   (auth_url and placeholder ids replaced by the sandbox's)");
        List<Examples.Applied> applied = new Examples(client, Map.of(Examples.AUTH_URL, stack.simulator().authUrl(),
                Examples.VOLUME_ID, pgData, Examples.SNAPSHOT_ID, handMade)).applyAll();
        applied.forEach(a -> out.println("      applied " + a));
        List<String> snapshots = applied.stream().filter(a -> a.kind().equals("OpenStackSnapshot")).map(Examples.Applied::name).toList();
        snapshots.forEach(name -> awaitState(name, SnapshotState.OK));
        require(handMade.equals(snapshot("legacy-snapshot").getStatus().getBackendID()), "the import adopted the hand-made snapshot");
        shown.add("create (by id, by name, by PVC) and import");

        step("Update: edit spec.description and spec.metadata of web-before-deploy; the operator pushes them to Cinder");
        String backendId = snapshot("web-before-deploy").getStatus().getBackendID();
        mergePatch("web-before-deploy", Map.of("spec", Map.of("description", "verified by the sandbox",
                "metadata", Map.of("verified", "yes"))));
        Waits.until("Cinder to hold the new description and metadata", STEP_TIMEOUT, () ->
                cloud.snapshot(backendId).map(s -> s.path("description").asText()).orElse("").equals("verified by the sandbox")
                        && "yes".equals(cloud.snapshot(backendId).map(cloud::metadataOf).orElse(Map.of()).get("verified")));
        awaitState("web-before-deploy", SnapshotState.OK);
        out.println("      Cinder now has description 'verified by the sandbox' and metadata " + cloud.snapshot(backendId).map(cloud::metadataOf).orElse(Map.of()));
        shown.add("update");

        step("Pull: annotate pg-before-upgrade with " + OpenStackSnapshot.PULL_ANNOTATION + " to re-read Cinder now");
        String pullValue = stack.clock().instant().toString();
        mergePatch("pg-before-upgrade", Map.of("metadata", Map.of("annotations", Map.of(OpenStackSnapshot.PULL_ANNOTATION, pullValue))));
        Waits.until("status.lastHandledPullAt = " + pullValue, STEP_TIMEOUT,
                () -> pullValue.equals(snapshot("pg-before-upgrade").getStatus().getLastHandledPullAt()));
        out.println("      status.lastHandledPullAt=" + pullValue + ", lastSyncTime=" + snapshot("pg-before-upgrade").getStatus().getLastSyncTime());
        shown.add("pull");

        if (stack.controls(SnapshotRestoration.class)) {
            step("Restore: examples/restoration.yaml restores pg-before-upgrade into a new volume");
            Waits.until("pg-restored OK", STEP_TIMEOUT, () -> {
                SnapshotRestoration r = client.resources(SnapshotRestoration.class).inNamespace(NAMESPACE).withName("pg-restored").get();
                return r != null && r.getStatus() != null && r.getStatus().getState() == SnapshotState.OK;
            });
            String volumeId = client.resources(SnapshotRestoration.class).inNamespace(NAMESPACE).withName("pg-restored").get()
                    .getStatus().getVolumeID();
            require(cloud.volume(volumeId).isPresent(), "the restored volume exists in Cinder");
            Waits.until("pg-before-upgrade to list its restoration", STEP_TIMEOUT, () -> {
                var restorations = snapshot("pg-before-upgrade").getStatus().getRestorations();
                return restorations != null && restorations.stream().anyMatch(r -> volumeId.equals(r.getVolumeID()));
            });
            out.println("      volume " + volumeId + " restored; pg-before-upgrade lists it in status.restorations");
            shown.add("restoration");

            restoreIntoClaim();
        } else {
            out.println("\n==> Restore: skipped, this build registers no SnapshotRestoration controller");
        }

        if (stack.controls(OpenStackSnapshotSchedule.class)) {
            step("Schedule: web-data every minute, keep 2; the sandbox clock jumps to just before the next minute");
            // Jump first: the schedule then computes its next slot from the new time, 2 seconds away.
            Duration jump = stack.clock().jumpToNextMinuteMinus(Duration.ofSeconds(2));
            out.println("      clock jumped " + jump.toSeconds() + "s forward");
            client.resource(everyMinute(webData)).create();
            Waits.until("a snapshot of schedule web-every-minute to be OK", STEP_TIMEOUT, () ->
                    snapshots().withLabel("blockstorage.openstack.dev/schedule", "web-every-minute").list().getItems().stream()
                            .anyMatch(s -> s.getStatus() != null && s.getStatus().getState() == SnapshotState.OK));
            shown.add("schedule tick");
        } else {
            out.println("\n==> Schedule: skipped, this build registers no OpenStackSnapshotSchedule controller");
        }

        step("Expiry: set keptUntil of pg-data-manual to 3 seconds from now; the operator deletes it on time");
        String expiringId = snapshot("pg-data-manual").getStatus().getBackendID();
        Instant keptUntil = stack.clock().instant().plusSeconds(3);
        mergePatch("pg-data-manual", Map.of("spec", Map.of("keptUntil", keptUntil.toString())));
        Waits.until("pg-data-manual to expire and go", STEP_TIMEOUT, () -> snapshots().withName("pg-data-manual").get() == null);
        Duration late = Duration.between(keptUntil, stack.clock().instant());
        require(cloud.snapshot(expiringId).isEmpty(), "the expired snapshot is gone from Cinder");
        out.println("      gone from Kubernetes and Cinder " + late.toMillis() + " ms after keptUntil (as seen by the sandbox)");
        shown.add("expiry");

        step("Delete: pg-before-upgrade (deletionPolicy Delete) and legacy-snapshot (deletionPolicy Retain)");
        String deletedId = snapshot("pg-before-upgrade").getStatus().getBackendID();
        snapshots().withName("pg-before-upgrade").delete();
        snapshots().withName("legacy-snapshot").delete();
        Waits.until("both objects to go", STEP_TIMEOUT, () ->
                snapshots().withName("pg-before-upgrade").get() == null && snapshots().withName("legacy-snapshot").get() == null);
        require(cloud.snapshot(deletedId).isEmpty(), "Delete: the Cinder snapshot is gone");
        require(cloud.snapshot(handMade).isPresent(), "Retain: the Cinder snapshot is still there");
        out.println("      Delete removed Cinder snapshot " + deletedId + "; Retain left " + handMade + " in Cinder");
        shown.add("deletion (Delete and Retain)");
        return new Outcome(List.copyOf(shown), applied);
    }

    /**
     * A JSON merge patch without resourceVersion, as `kubectl patch --type merge` and `kubectl annotate` send: it
     * cannot conflict with the operator's concurrent writes.
     */
    private void mergePatch(String name, Map<String, Object> patch) {
        snapshots().withName(name).patch(PatchContext.of(PatchType.JSON_MERGE), Serialization.asJson(patch));
    }

    /** A claim and its PV bound as the PV controller binds them: the PV's claimRef names the claim's uid too. */
    private void claimFor(String volumeId) {
        var claim = client.persistentVolumeClaims().inNamespace(NAMESPACE).resource(new PersistentVolumeClaimBuilder()
                .withNewMetadata().withName("pg-data").addToLabels("backup", "daily").endMetadata()
                .withNewSpec().withAccessModes("ReadWriteOnce").withVolumeName(SOURCE_PV)
                .withNewResources().addToRequests("storage", new Quantity("10Gi")).endResources().endSpec()
                .withNewStatus().withPhase("Bound").endStatus().build()).create();
        client.persistentVolumes().resource(new PersistentVolumeBuilder().withNewMetadata().withName(SOURCE_PV).endMetadata()
                .withNewSpec().withCapacity(Map.of("storage", new Quantity("10Gi"))).withAccessModes("ReadWriteOnce")
                .withNewCsi().withDriver("cinder.csi.openstack.org").withVolumeHandle(volumeId).endCsi()
                .withNewClaimRef().withNamespace(NAMESPACE).withName("pg-data").withUid(claim.getMetadata().getUid())
                .endClaimRef().endSpec().build()).create();
    }

    private static OpenStackSnapshotSchedule everyMinute(String volumeId) {
        OpenStackSnapshotSchedule schedule = new OpenStackSnapshotSchedule();
        schedule.getMetadata().setName("web-every-minute");
        schedule.getMetadata().setNamespace(NAMESPACE);
        OpenStackSnapshotScheduleSpec spec = new OpenStackSnapshotScheduleSpec();
        spec.setCloudCredentialsRef(new CloudCredentialsRef("openstack-clouds", "openstack"));
        spec.setSourceVolume(SourceVolume.byId(volumeId));
        spec.setSchedule("* * * * *");
        spec.setRetention(new Retention("1h", 2));
        schedule.setSpec(spec);
        return schedule;
    }

    private io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<OpenStackSnapshot,
            io.fabric8.kubernetes.api.model.KubernetesResourceList<OpenStackSnapshot>, Resource<OpenStackSnapshot>> snapshots() {
        return client.resources(OpenStackSnapshot.class).inNamespace(NAMESPACE);
    }

    private OpenStackSnapshot snapshot(String name) {
        OpenStackSnapshot s = snapshots().withName(name).get();
        if (s == null || s.getStatus() == null) {
            throw new ScenarioFailure("OpenStackSnapshot " + NAMESPACE + "/" + name + " has no status");
        }
        return s;
    }

    private void awaitState(String name, SnapshotState state) {
        Waits.until(name + " " + state, STEP_TIMEOUT, () -> {
            OpenStackSnapshot s = snapshots().withName(name).get();
            if (s != null && s.getStatus() != null && s.getStatus().getState() == SnapshotState.Erred) {
                throw new ScenarioFailure(name + " Erred: " + s.getStatus().getErrorMessage());
            }
            return s != null && s.getStatus() != null && Objects.equals(s.getStatus().getState(), state);
        });
    }

    private void step(String title) {
        out.println();
        out.println("==> " + title);
    }

    private static void require(boolean condition, String what) {
        if (!condition) {
            throw new ScenarioFailure("expected: " + what);
        }
    }
}
