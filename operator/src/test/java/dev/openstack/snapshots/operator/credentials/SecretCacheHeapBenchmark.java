package dev.openstack.snapshots.operator.credentials;

import dev.openstack.snapshots.operator.api.SnapshotState;
import dev.openstack.snapshots.operator.testing.OperatorHarness;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.lang.management.ManagementFactory;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Not a test (no assertion, not run by the build): how much heap the operator's Secret cache takes when the cluster
 * holds N Secrets the operator has no business with. docs/benchmarks.md has the command and the figures.
 * <p>
 * One JVM holds the mock API server (and its copy of the Secrets) too, so the figure is a difference: heap after a
 * full GC with the operator running and one snapshot OK, minus the heap after a full GC with the same Secrets in the
 * API server and the operator stopped.
 */
class SecretCacheHeapBenchmark {

    @Test
    void heapOfTheSecretCacheWithManyUnrelatedSecrets() throws Exception {
        int count = Integer.getInteger("secrets", 10_000);
        try (OperatorHarness h = OperatorHarness.start()) {
            h.stopOperator();
            Random random = new Random(42);
            for (int n = 0; n < 20; n++) {
                h.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("unrelated-" + n)
                        .endMetadata().build()).create();
            }
            for (int i = 0; i < count; i++) { // kubernetes.io/tls Secrets of a realistic size (~1.3 KiB cert, ~1.7 KiB key)
                h.client().secrets().inNamespace("unrelated-" + (i % 20)).resource(new SecretBuilder().withNewMetadata()
                        .withName("tls-" + i).endMetadata().withType("kubernetes.io/tls")
                        .addToData("tls.crt", pem(random, 1300)).addToData("tls.key", pem(random, 1700)).build()).create();
            }
            String ns = h.newNamespace();
            String volume = h.admin().createVolume("bench", 1);
            long before = usedAfterGc();
            h.startOperator();
            try {
                h.create(h.snapshotOf(ns, "s", volume));
            } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
                if (e.getCode() != 409) { // a POST retried by the client after a slow answer of the busy mock
                    throw e;
                }
            }
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMinutes(5)).until(() -> {
                var s = h.get(ns, "s");
                return s != null && s.getStatus() != null && s.getStatus().getState() == SnapshotState.OK;
            });
            long after = usedAfterGc();
            String result = String.format("unrelated Secrets: %d; heap used after GC: operator stopped %.1f MiB, "
                    + "running %.1f MiB; the operator's share: %.1f MiB%n", count, mib(before), mib(after),
                    mib(after - before));
            System.out.print(result);
            java.nio.file.Files.writeString(java.nio.file.Path.of("target", "secret-cache-heap.txt"), result);
        }
    }

    private static String pem(Random random, int bytes) {
        byte[] raw = new byte[bytes];
        random.nextBytes(raw);
        return Base64.getEncoder().encodeToString(Base64.getMimeEncoder().encode(raw));
    }

    private static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(300);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static double mib(long bytes) {
        return bytes / 1024.0 / 1024.0;
    }
}
