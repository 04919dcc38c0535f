package dev.openstack.snapshots.e2e;

import dev.openstack.snapshots.operator.OperatorAssembly;
import dev.openstack.snapshots.operator.OperatorSettings;
import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotSchedule;
import dev.openstack.snapshots.operator.api.SnapshotRestoration;
import dev.openstack.snapshots.operator.cinder.openstack.OpenStackClouds;
import dev.openstack.snapshots.operator.cloud.OpenStackSettings;
import dev.openstack.snapshots.operator.testing.GeneratedCrds;
import dev.openstack.snapshots.operator.unreadable.OperatorClient;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;

/**
 * The operator as production assembles it ({@link OperatorAssembly}, {@link OpenStackClouds}, the real
 * clock), in-process, against the fabric8 Kubernetes mock server (CRUD mode, the CRDs generated from the
 * API classes) and the real cloud. Polling is fast while something is transitional and slow (10 min)
 * otherwise, so a change made behind the operator's back is seen only when a test asks for it (pull).
 * Used where no real control plane is configured (see {@link OperatorUnderTest#start()}).
 */
public final class OperatorOnRealCloud implements OperatorUnderTest {

    private final KubernetesMockServer server;
    private final KubernetesClient kubernetes;
    private final OperatorAssembly operator;

    private OperatorOnRealCloud(KubernetesMockServer server, KubernetesClient kubernetes, OperatorAssembly operator) {
        this.server = server;
        this.kubernetes = kubernetes;
        this.operator = operator;
    }

    /** Every kind the operator serves; their CRDs are installed before it starts. */
    private static final List<Class<? extends HasMetadata>> KINDS =
            List.of(OpenStackSnapshot.class, SnapshotRestoration.class, OpenStackSnapshotSchedule.class);

    public static OperatorOnRealCloud start() {
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(List.of()), false);
        server.init();
        // the operator's own client, as in production (unreadable objects reported and skipped)
        KubernetesClient kubernetes;
        try (KubernetesClient plain = server.createClient()) {
            kubernetes = OperatorClient.build(new KubernetesClientBuilder().withConfig(plain.getConfiguration()), Clock.systemUTC());
        }
        for (Class<? extends HasMetadata> kind : KINDS) {
            kubernetes.resource(GeneratedCrds.generate(kind)).create();
        }
        OperatorSettings settings = OperatorSettings.defaults()
                .withPollIntervals(Duration.ofSeconds(1), Duration.ofMinutes(10))
                .withRetry(Duration.ofSeconds(1), Duration.ofSeconds(10));
        OperatorAssembly operator = new OperatorAssembly(kubernetes,
                new OpenStackClouds(OpenStackSettings.defaults(), Clock.systemUTC()), Clock.systemUTC(), settings).start();
        return new OperatorOnRealCloud(server, kubernetes, operator);
    }

    @Override
    public KubernetesClient kubernetes() {
        return kubernetes;
    }

    public OperatorAssembly assembly() {
        return operator;
    }

    @Override
    public void close() {
        try {
            operator.close();
        } finally {
            kubernetes.close();
            server.destroy();
        }
    }
}
