package dev.openstack.snapshots.e2e.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openstack.snapshots.e2e.OperatorUnderTest;
import dev.openstack.snapshots.operator.api.CloudCredentialsRef;
import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotSpec;
import dev.openstack.snapshots.operator.api.SnapshotRestoration;
import dev.openstack.snapshots.operator.api.SnapshotState;
import dev.openstack.snapshots.operator.api.SourceVolume;
import dev.openstack.snapshots.operator.testing.admin.CinderAdmin;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * `kubectl osnap` as a user runs it: the plugin unpacked from the release archive (dist/target) onto PATH and found
 * by the real kubectl's plugin mechanism, against a real kube-apiserver with the operator running (installed from
 * config/default, under its own ServiceAccount) and kube-controller-manager binding the restored claims. The
 * simulator is Cinder.
 */
@ExtendWith(RealClusterCondition.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubectlOsnapClusterIT {

    private static final Duration PATIENCE = Duration.ofMinutes(2);
    /** A volume id no Cinder has: its snapshot ends Erred. */
    private static final String NO_SUCH_VOLUME = "00000000-0000-4000-8000-000000000000";

    private RealCluster cluster;
    private SimulatedCloud cloud;
    private OperatorOnRealCluster operator;
    private KubernetesClient kubernetes;
    private Path pluginDirectory;

    @BeforeAll
    void install() throws IOException {
        cluster = RealCluster.fromEnvironment().orElseThrow();
        pluginDirectory = Files.createTempDirectory("kubectl-osnap");
        Commands.run(List.of("tar", "-xzf", DistArtefacts.pluginArchive().toString(), "-C", pluginDirectory.toString()),
                null, Duration.ofSeconds(30)).requireSuccess();
        cloud = new SimulatedCloud();
        operator = OperatorOnRealCluster.start(cluster);
        kubernetes = operator.kubernetes();
    }

    @AfterAll
    void uninstall() {
        try {
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
    void kubectlFindsThePluginFromTheArchive() {
        Commands.Result plugins = kubectl("plugin", "list");
        assertTrue(plugins.stdout().contains(pluginDirectory.resolve("kubectl-osnap").toString()), plugins.stdout() + plugins.stderr());
        assertEquals("kubectl-osnap " + DistArtefacts.VERSION, kubectl("osnap", "version").requireSuccess().stdout().strip());
        assertTrue(kubectl("osnap", "help").requireSuccess().stdout().contains("restore SNAPSHOT (--to-pvc CLAIM | --to-volume VOLUME)"));
        Commands.Result unknown = kubectl("osnap", "frobnicate");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.stderr().contains("unknown command frobnicate"), unknown.stderr());
    }

    @Test
    void lsShowsEveryObjectAndFiltersByStateAndErrors() {
        String ns = namespace("osnap-ls");
        snapshot(ns, "good", cloud.createVolume(ns + "-data"));
        snapshot(ns, "bad", NO_SUCH_VOLUME);

        assertEquals("openstacksnapshot/good: OK", kubectl("osnap", "wait", "good", "-n", ns).requireSuccess().stdout().strip());
        Commands.Result erred = kubectl("osnap", "wait", "snapshot", "bad", "-n", ns, "--timeout", "2m");
        assertEquals(1, erred.exitCode(), erred.stdout());
        assertTrue(erred.stderr().contains("openstacksnapshot/bad is Erred: "), erred.stderr());

        String all = kubectl("osnap", "ls", "-n", ns).requireSuccess().stdout();
        assertTrue(all.lines().findFirst().orElse("").matches("NAME\\s+STATE\\s+RUNTIME\\s+SIZE\\s+SOURCE\\s+KEPT-UNTIL\\s+AGE"), all);
        assertTrue(row(all, "good").matches("good\\s+OK\\s+available\\s+1024\\s+\\S+\\s+.*"), all);
        assertTrue(row(all, "bad").matches("bad\\s+Erred\\s+.*"), all);

        String ok = kubectl("osnap", "ls", "--state", "OK", "-n", ns).requireSuccess().stdout();
        assertFalse(row(ok, "good").isEmpty(), ok);
        assertTrue(row(ok, "bad").isEmpty(), "the server filters on status.state: " + ok);

        String errors = kubectl("osnap", "ls", "--errors", "-A").requireSuccess().stdout();
        assertTrue(errors.lines().findFirst().orElse("").matches("NAMESPACE\\s+NAME\\s+STATE\\s+REASON\\s+MESSAGE"), errors);
        String badRow = errors.lines().filter(l -> l.startsWith(ns + " ")).findFirst().orElse("");
        assertTrue(badRow.matches(ns + "\\s+bad\\s+Erred\\s+[A-Z][A-Za-z]+\\s+\\S.*"), errors);
        assertTrue(errors.lines().noneMatch(l -> l.matches(ns + "\\s+good\\s.*")), errors);
        assertTrue(kubectl("osnap", "ls", "--errors", "--state", "OK", "-n", ns).stderr().contains("No objects in error."));
    }

    @Test
    void pullIsHandledAndUnlinkLeavesTheCinderSnapshotWhenTheObjectGoes() {
        String ns = namespace("osnap-pull");
        snapshot(ns, "keep", cloud.createVolume(ns + "-data"));
        kubectl("osnap", "wait", "keep", "-n", ns).requireSuccess();

        String pulled = kubectl("osnap", "pull", "keep", "--wait", "-n", ns).requireSuccess().stdout();
        assertTrue(pulled.contains("openstacksnapshot/keep: pulled, state OK"), pulled);
        OpenStackSnapshot afterPull = snapshots(ns).withName("keep").get();
        String requested = afterPull.getMetadata().getAnnotations().get(OpenStackSnapshot.PULL_ANNOTATION);
        assertNotNull(requested);
        assertEquals(requested, afterPull.getStatus().getLastHandledPullAt());

        kubectl("osnap", "unlink", "keep", "-n", ns).requireSuccess();
        assertEquals("true", snapshots(ns).withName("keep").get().getMetadata().getAnnotations().get(OpenStackSnapshot.UNLINK_ANNOTATION));
        kubectl("osnap", "unlink", "keep", "--undo", "-n", ns).requireSuccess();
        assertFalse(snapshots(ns).withName("keep").get().getMetadata().getAnnotations().containsKey(OpenStackSnapshot.UNLINK_ANNOTATION));
        kubectl("osnap", "unlink", "keep", "-n", ns).requireSuccess();

        long deletesBefore = cloud.simulator().controls().count("snapshot.delete");
        kubectl("delete", "osnap", "keep", "-n", ns, "--wait=false").requireSuccess();
        assertEquals("openstacksnapshot/keep: deleted",
                kubectl("osnap", "wait", "keep", "--for", "deleted", "-n", ns).requireSuccess().stdout().strip());
        assertEquals(deletesBefore, cloud.simulator().controls().count("snapshot.delete"), "unlinked: no Cinder delete");
    }

    @Test
    void restoreMakesARestorationIntoAClaimTheControllerBindsOrIntoAVolume() {
        String ns = namespace("osnap-restore");
        snapshot(ns, "backup", cloud.createVolume(ns + "-data"));
        kubectl("osnap", "wait", "backup", "-n", ns).requireSuccess();

        // What --dry-run prints is a SnapshotRestoration the API server accepts as it is.
        String dryRun = kubectl("osnap", "restore", "backup", "--to-pvc", "data", "--storage-class", "", "--access-mode",
                "ReadWriteOnce", "--fs-type", "xfs", "--size", "2", "--volume-type", "fast", "--availability-zone", "nova",
                "--deletion-policy", "Delete", "--dry-run", "-n", ns)
                .requireSuccess().stdout();
        assertTrue(dryRun.contains("persistentVolumeClaim:") && dryRun.contains("fsType: \"xfs\"")
                && dryRun.contains("volumeType: \"fast\"") && dryRun.contains("availabilityZone: \"nova\""), dryRun);
        Commands.Result validated = cluster.kubectl(dryRun, "create", "--dry-run=server", "-n", ns, "-f", "-");
        assertTrue(validated.ok(), validated.stderr());

        String restored = kubectl("osnap", "restore", "backup", "--to-pvc", "data", "--fs-type", "xfs", "--size", "2",
                "--deletion-policy", "Delete", "--wait", "-n", ns).stdout();
        assertTrue(restored.contains("snapshotrestoration.blockstorage.openstack.dev/data created"), restored);
        assertTrue(restored.contains("snapshotrestoration/data: OK"), restored + " (operator log " + operator.process().log() + ")");
        assertTrue(row(restored, "data").matches("data\\s+Bound\\s+pv-\\S+\\s+2Gi\\s+RWO.*"), restored);
        SnapshotRestoration intoClaim = kubernetes.resources(SnapshotRestoration.class).inNamespace(ns).withName("data").get();
        PersistentVolumeClaim claim = kubernetes.persistentVolumeClaims().inNamespace(ns).withName("data").get();
        assertEquals("Bound", claim.getStatus().getPhase());
        assertEquals(intoClaim.getStatus().getPersistentVolumeName(), claim.getSpec().getVolumeName());
        assertEquals("xfs", kubernetes.persistentVolumes().withName(claim.getSpec().getVolumeName()).get().getSpec().getCsi().getFsType());

        String copy = kubectl("osnap", "restore", "backup", "--to-volume", "copy", "--name", "backup-copy", "--wait", "-n", ns)
                .requireSuccess().stdout();
        assertTrue(copy.contains("snapshotrestoration/backup-copy: OK"), copy);
        SnapshotRestoration intoVolume = kubernetes.resources(SnapshotRestoration.class).inNamespace(ns).withName("backup-copy").get();
        assertEquals("copy", intoVolume.getSpec().getVolume().getName());
        assertTrue(CinderAdmin.of(cloud.simulator()).volumeExists(intoVolume.getStatus().getVolumeID()));

        String described = kubectl("osnap", "describe", "backup", "-n", ns).requireSuccess().stdout();
        assertTrue(described.contains("Name:         backup"), described);
        String restorations = described.substring(described.indexOf("Restorations from backup:"));
        assertFalse(row(restorations, "data").isEmpty(), restorations);
        assertFalse(row(restorations, "backup-copy").isEmpty(), restorations);

        Commands.Result both = kubectl("osnap", "restore", "backup", "--to-pvc", "x", "--to-volume", "y", "-n", ns);
        assertEquals(2, both.exitCode());
        assertTrue(both.stderr().contains("exactly one of --to-pvc CLAIM and --to-volume VOLUME"), both.stderr());
        Commands.Result missing = kubectl("osnap", "restore", "no-such-snapshot", "--to-pvc", "z", "-n", ns);
        assertEquals(1, missing.exitCode());
        assertTrue(missing.stderr().contains("no OpenStackSnapshot no-such-snapshot here"), missing.stderr());
        assertNull(kubernetes.resources(SnapshotRestoration.class).inNamespace(ns).withName("z").get(), "nothing was created");
    }

    // ---- helpers

    /** The real kubectl with the unpacked plugin first on PATH, as the admin (KUBECONFIG). */
    private Commands.Result kubectl(String... args) {
        List<String> command = new ArrayList<>();
        command.add(kubectlBinary());
        command.addAll(List.of(args));
        Map<String, String> environment = Map.of(
                "PATH", pluginDirectory + ":" + System.getenv("PATH"),
                "KUBECONFIG", cluster.kubeconfig().toString(),
                "KUBECTL", kubectlBinary());
        return Commands.run(command, environment, null, Duration.ofMinutes(4));
    }

    private static String kubectlBinary() {
        String path = System.getenv("KUBECTL");
        return path == null || path.isBlank() ? "kubectl" : path;
    }

    /** The line of a kubectl table whose first column is {@code name}, or "". */
    private static String row(String table, String name) {
        return table.lines().filter(l -> l.startsWith(name + " ")).findFirst().orElse("");
    }

    private String namespace(String prefix) {
        String ns = prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
        operator.namespaceWithClouds(ns, cloud.cloudsYaml());
        return ns;
    }

    private void snapshot(String ns, String name, String volumeId) {
        OpenStackSnapshotSpec spec = new OpenStackSnapshotSpec();
        spec.setCloudCredentialsRef(new CloudCredentialsRef(OperatorUnderTest.SECRET, SimulatedCloud.CLOUD));
        spec.setSourceVolume(SourceVolume.byId(volumeId));
        OpenStackSnapshot snapshot = new OpenStackSnapshot();
        snapshot.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName(name).build());
        snapshot.setSpec(spec);
        kubernetes.resource(snapshot).create();
    }

    private NonNamespaceOperation<OpenStackSnapshot, KubernetesResourceList<OpenStackSnapshot>, Resource<OpenStackSnapshot>>
            snapshots(String ns) {
        return kubernetes.resources(OpenStackSnapshot.class).inNamespace(ns);
    }
}
