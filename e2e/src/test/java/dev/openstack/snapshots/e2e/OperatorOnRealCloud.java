package dev.openstack.snapshots.e2e;

import dev.openstack.snapshots.operator.OperatorAssembly;
import dev.openstack.snapshots.operator.OperatorSettings;
import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotSchedule;
import dev.openstack.snapshots.operator.api.SnapshotRestoration;
import dev.openstack.snapshots.operator.testing.GeneratedCrds;
import dev.openstack.snapshots.operator.testing.InProcessStack;
import dev.openstack.snapshots.operator.testing.MockKubernetesApi;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The operator as production assembles it, in-process, against the fabric8 Kubernetes mock server (the CRDs generated
 * from the API classes) and the real cloud: the operator tests' {@link InProcessStack} without a simulator, on the real
 * clock. Polling is fast while something is transitional and slow (10 min) otherwise, so a change made behind the
 * operator's back is seen only when a test asks for it (pull). Used where no real control plane is configured (see
 * {@link OperatorUnderTest#start()}).
 */
public final class OperatorOnRealCloud implements OperatorUnderTest {

    private final InProcessStack stack;

    private OperatorOnRealCloud(InProcessStack stack) {
        this.stack = stack;
    }

    public static OperatorOnRealCloud start() {
        // every kind the operator serves; their CRDs are installed before it starts
        MockKubernetesApi kubernetes = new MockKubernetesApi(List.of(GeneratedCrds.generate(OpenStackSnapshot.class),
                GeneratedCrds.generate(SnapshotRestoration.class), GeneratedCrds.generate(OpenStackSnapshotSchedule.class)));
        OperatorSettings settings = OperatorSettings.defaults()
                .withPollIntervals(Duration.ofSeconds(1), Duration.ofMinutes(10))
                .withRetry(Duration.ofSeconds(1), Duration.ofSeconds(10));
        return new OperatorOnRealCloud(new InProcessStack(kubernetes, null, Clock.systemUTC(), settings));
    }

    @Override
    public KubernetesClient kubernetes() {
        return stack.client();
    }

    public OperatorAssembly assembly() {
        return stack.operator();
    }

    @Override
    public void close() {
        stack.close();
    }
}
