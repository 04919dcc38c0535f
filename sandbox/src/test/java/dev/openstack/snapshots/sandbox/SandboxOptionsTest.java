package dev.openstack.snapshots.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The command line of the real-cloud benchmark and how it sits beside the other runs. */
class SandboxOptionsTest {

    private static final UnaryOperator<String> OS_CLOUD_SET = name -> name.equals("OS_CLOUD") ? "from-env" : null;

    @Test
    void theBenchmarkOnARealCloudTakesItsCloudAndAdminCloudFromTheCommandLine() {
        SandboxOptions options = SandboxOptions.parse(OS_CLOUD_SET,
                "--benchmark", "100", "--kubeconfig", "k.conf", "--cloud", "e2e", "--admin-cloud", "e2e-admin");

        assertEquals(100, options.benchmarkSnapshots());
        assertEquals(Path.of("k.conf"), options.kubeconfig());
        assertEquals("e2e", options.cloud());
        assertEquals("e2e-admin", options.adminCloud());
        assertEquals(List.of("--benchmark", "100", "--kubeconfig", "k.conf", "--cloud", "e2e", "--admin-cloud", "e2e-admin"),
                Benchmark.rerunArguments(options));
    }

    @Test
    void osCloudChoosesThePortLatencyCloudButNeverTurnsTheBenchmarkToARealCloud() {
        assertEquals("from-env", SandboxOptions.parse(OS_CLOUD_SET, "--port-latency", "3", "--volume", "v").cloud());
        SandboxOptions benchmark = SandboxOptions.parse(OS_CLOUD_SET, "--benchmark", "100", "--kubeconfig", "k.conf");
        assertNull(benchmark.cloud(), "100 snapshots and a quota change in a real project only when asked for by --cloud");
        assertEquals(List.of("--benchmark", "100", "--kubeconfig", "k.conf"), Benchmark.rerunArguments(benchmark));
    }

    @Test
    void aRealCloudNeedsTheOperatorAsItsOwnProcessAndNoRestart() {
        assertRejected("--cloud is for --port-latency N and --benchmark N --kubeconfig FILE", "--benchmark", "10", "--cloud", "e2e");
        assertRejected("--cloud is for", "--cloud", "e2e");
        assertRejected("--restart runs against the simulator only",
                "--benchmark", "10", "--kubeconfig", "k.conf", "--restart", "--cloud", "e2e");
        assertRejected("--admin-cloud is for --benchmark N --kubeconfig FILE --cloud NAME",
                "--benchmark", "10", "--kubeconfig", "k.conf", "--admin-cloud", "e2e-admin");
        assertRejected("--admin-cloud is for", "--port-latency", "3", "--cloud", "e2e", "--volume", "v", "--admin-cloud", "a");
        assertRejected("--admin-cloud needs a value", "--benchmark", "10", "--kubeconfig", "k.conf", "--cloud", "e2e", "--admin-cloud");
    }

    private static void assertRejected(String message, String... args) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SandboxOptions.parse(name -> null, args));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }
}
