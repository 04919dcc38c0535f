package dev.openstack.snapshots.operator.reliability;

import dev.openstack.snapshots.operator.OperatorAssembly;
import dev.openstack.snapshots.operator.cinder.openstack.OpenStackClouds;
import dev.openstack.snapshots.operator.cloud.OpenStackSettings;
import dev.openstack.snapshots.operator.testing.OperatorHarness;
import dev.openstack.snapshots.operator.unreadable.OperatorClient;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;
import org.awaitility.Awaitility;

/**
 * An operator process that can be killed rather than stopped: it has its own Kubernetes client and
 * its own clouds, and a kill closes the Kubernetes client first, so that a reconciliation caught
 * mid-way cannot write anything more, exactly as if the process had died. Then it waits until the
 * simulator has answered every call the dead process had started (a hanging create still lands in
 * Cinder, like a request Cinder accepted just before the crash), so the next operator starts on a
 * settled world.
 */
final class KillableOperator {

    private final OperatorHarness harness;
    private final OpenStackSettings openStack;
    private KubernetesClient client;
    private OperatorAssembly assembly;

    /**
     * With a read timeout of {@value #READ_TIMEOUT_SECONDS} s: after a kill between "create requested" and Cinder's
     * answer, the next operator waits that long before it may create again (see CreateGuard), not a minute.
     */
    KillableOperator(OperatorHarness harness) {
        this(harness, withReadTimeout(Duration.ofSeconds(READ_TIMEOUT_SECONDS)));
    }

    static final int READ_TIMEOUT_SECONDS = 3;

    static OpenStackSettings withReadTimeout(Duration readTimeout) {
        OpenStackSettings d = OpenStackSettings.defaults();
        return new OpenStackSettings(d.connectTimeout(), readTimeout, d.maxConcurrentCalls(), d.tokenRefreshMargin());
    }

    /** With other OpenStack call settings, e.g. a short read timeout. */
    KillableOperator(OperatorHarness harness, OpenStackSettings openStack) {
        this.harness = harness;
        this.openStack = openStack;
    }

    KillableOperator start() {
        client = OperatorClient.build(new KubernetesClientBuilder().withConfig(harness.client().getConfiguration()),
                harness.clock());
        assembly = new OperatorAssembly(client, new OpenStackClouds(openStack, harness.clock()),
                harness.clock(), OperatorHarness.TEST_SETTINGS.withOpenStack(openStack)).start();
        return this;
    }

    void kill() {
        crash();
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                .during(Duration.ofMillis(200))
                .until(() -> harness.simulator().controls().inFlight() == 0);
    }

    /**
     * Dies at once, as SIGKILL would: no more Kubernetes writes, and the calls it had sent to Cinder go on without it
     * (a hanging create still lands later, while the next operator runs).
     */
    void crash() {
        client.close();
        try {
            assembly.close();
        } catch (RuntimeException alreadyDead) {
            // informers complain about their closed client; a killed process does not care
        }
    }

    void restart() {
        kill();
        start();
    }
}
