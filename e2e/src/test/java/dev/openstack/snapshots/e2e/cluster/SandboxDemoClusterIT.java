package dev.openstack.snapshots.e2e.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The sandbox demo (docs/restorations.md) on the real control plane, as a user runs it:
 * {@code java -jar sandbox/target/sandbox.jar --kubeconfig FILE}. Its restore-into-a-claim step there requires the
 * claim Bound by kube-controller-manager (the mock only shows the objects made); the run must exit 0 and clean up.
 */
@ExtendWith(RealClusterCondition.class)
class SandboxDemoClusterIT {

    private static final Pattern BOUND = Pattern.compile(
            "PersistentVolumeClaim team-a/pg-data-restored: STATUS Bound VOLUME pv-[0-9a-f-]{36} CAPACITY 20Gi");

    @Test
    void theDemoRestoresIntoAClaimTheControllerBindsAndExitsZero() throws Exception {
        RealCluster cluster = RealCluster.fromEnvironment().orElseThrow();
        Path jar = cluster.repository().resolve("sandbox/target/sandbox.jar");
        assertTrue(Files.isRegularFile(jar), jar + " is missing: build it (mvn -B -pl e2e -am verify builds it)");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(),
                "--kubeconfig", cluster.kubeconfig().toString(), "--transition-delay", "200ms");
        Commands.Result run = Commands.run(command, null, Duration.ofMinutes(6));
        String printed = run.stdout() + run.stderr();
        Files.writeString(Path.of("target", "sandbox-demo-on-cluster.log"), printed);

        assertEquals(0, run.exitCode(), printed);
        assertTrue(BOUND.matcher(printed).find(), printed);
        assertTrue(printed.contains("OK: showed ") && printed.contains("restoration into a claim, Bound"), printed);
        try (KubernetesClient admin = cluster.admin()) {
            assertNull(admin.namespaces().withName("team-a").get(), "the demo deletes its namespace at the end");
            assertNull(admin.persistentVolumes().withName("pv-pg-data").get(), "and the PV of its source claim");
            assertTrue(admin.persistentVolumes().list().getItems().stream().noneMatch(pv -> pv.getSpec().getClaimRef() != null
                    && "team-a".equals(pv.getSpec().getClaimRef().getNamespace())), "no PV of team-a is left");
        }
    }
}
