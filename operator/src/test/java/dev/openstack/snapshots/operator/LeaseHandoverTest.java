package dev.openstack.snapshots.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What ends a leader's term: a lost Lease ends the process, a shutdown does not (JOSDK's System.exit from inside the
 * shutdown hook hung the process until SIGKILL), and the Lease is handed over after the stop.
 */
@EnableKubernetesMockClient(crud = true)
class LeaseHandoverTest {

    KubernetesClient client;

    private final LeaderElection election = LeaderElection.from(Map.of("OPERATOR_NAMESPACE", "ops"), null);

    @Test
    void aLostLeaseEndsTheProcessFromAThreadOfItsOwn() throws InterruptedException {
        CountDownLatch exited = new CountDownLatch(1);
        String[] exitThread = new String[1];
        LeaseHandover handover = new LeaseHandover(election, () -> {
            exitThread[0] = Thread.currentThread().getName();
            exited.countDown();
        });
        handover.callbacks().onStopLeading();
        assertTrue(exited.await(10, TimeUnit.SECONDS), "a leader that lost its Lease must not go on reconciling");
        assertEquals("lease-lost-exit", exitThread[0], "not on the elector's thread, which holds the elector's lock");
    }

    @Test
    void aStopTheShutdownBeganDoesNotExitAgain() throws InterruptedException {
        CountDownLatch exited = new CountDownLatch(1);
        LeaseHandover handover = new LeaseHandover(election, exited::countDown);
        handover.stopping();
        handover.callbacks().onStopLeading();
        assertFalse(exited.await(1, TimeUnit.SECONDS), "System.exit inside the shutdown hook blocks forever");
    }

    @Test
    void josdksOwnExitIsOff() {
        assertFalse(election.configuration(new LeaseHandover(election)).orElseThrow().isExitOnStopLeading());
    }

    @Test
    void releaseClearsTheHolderOnlyWhileItIsThisProcess() {
        client.resource(lease(election.identity())).create();
        new LeaseHandover(election).release(client);
        Lease released = client.leases().inNamespace("ops").withName(election.leaseName()).get();
        assertNull(released.getSpec().getHolderIdentity(), "the next process may take it at once");
        assertEquals(1, released.getSpec().getLeaseDurationSeconds());

        client.resource(lease("someone-else")).update();
        new LeaseHandover(election).release(client);
        assertEquals("someone-else", client.leases().inNamespace("ops").withName(election.leaseName()).get()
                .getSpec().getHolderIdentity(), "another holder's Lease is not ours to release");
    }

    private Lease lease(String holder) {
        return new LeaseBuilder().withNewMetadata().withNamespace("ops").withName(election.leaseName()).endMetadata()
                .withNewSpec().withHolderIdentity(holder).withLeaseDurationSeconds(15)
                .withRenewTime(ZonedDateTime.now()).withAcquireTime(ZonedDateTime.now()).withLeaseTransitions(0)
                .endSpec().build();
    }
}
