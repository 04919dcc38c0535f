package dev.openstack.snapshots.operator;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import java.time.ZonedDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of a leader's term. A leader that loses its Lease ends the process, so that two never reconcile at once. But
 * JOSDK's own exit on "stopped leading" also fires when the shutdown hook stops the operator, and System.exit inside a
 * shutdown hook blocks forever: on SIGTERM the process hung until SIGKILL (the kubelet's, 30 s later), and the next
 * process waited out the Lease as well. Here a lost Lease still ends the process, from a thread of its own so that the
 * elector's lock is free for the shutdown; a stop the shutdown began does not; and once nothing reconciles any more the
 * Lease is handed over (holder cleared, as client-go's ReleaseOnCancel does), so the next process leads within its
 * retry period instead of the Lease's duration.
 */
public final class LeaseHandover {

    private static final Logger LOG = LoggerFactory.getLogger(LeaseHandover.class);

    private final LeaderElection election;
    private final Runnable exit;
    private volatile boolean stopping;

    public LeaseHandover(LeaderElection election) {
        this(election, () -> System.exit(1));
    }

    /** @param exit what ends the process when the Lease is lost (tests pass a recorder) */
    LeaseHandover(LeaderElection election, Runnable exit) {
        this.election = election;
        this.exit = exit;
    }

    /** What JOSDK calls when leadership starts, ends or moves. */
    public LeaderCallbacks callbacks() {
        return new LeaderCallbacks(() -> LOG.info("leading as {}", election.identity()), this::stoppedLeading,
                leader -> { });
    }

    /** The process is shutting down: stopping to lead is expected from now on. */
    public void stopping() {
        stopping = true;
    }

    /**
     * Clears the Lease's holder if it is still this process, after the operator stopped reconciling. A Lease taken by
     * another process meanwhile is left alone (the update is compare-and-set on its resourceVersion).
     */
    public void release(KubernetesClient client) {
        if (!election.enabled()) {
            return;
        }
        try {
            Lease lease = client.leases().inNamespace(election.leaseNamespace()).withName(election.leaseName()).get();
            if (lease == null || lease.getSpec() == null || !election.identity().equals(lease.getSpec().getHolderIdentity())) {
                return;
            }
            // A PUT on the resourceVersion just read: a Lease someone else took meanwhile answers 409 and stays theirs.
            // (fabric8's own release sends a merge patch, where a null holder is simply left out.)
            lease.getSpec().setHolderIdentity(null);
            lease.getSpec().setLeaseDurationSeconds(1);
            lease.getSpec().setRenewTime(ZonedDateTime.now());
            client.resource(lease).update();
            LOG.info("Lease {}/{} handed over: no holder until the next process takes it", election.leaseNamespace(),
                    election.leaseName());
        } catch (KubernetesClientException e) {
            LOG.warn("Lease {}/{} not handed over ({}): the next process waits for it to expire", election.leaseNamespace(),
                    election.leaseName(), e.getMessage());
        }
    }

    private void stoppedLeading() {
        if (stopping) {
            return;
        }
        LOG.error("lost the Lease {}/{} as {}: exiting, so that no two processes reconcile at once",
                election.leaseNamespace(), election.leaseName(), election.identity());
        Thread thread = new Thread(exit, "lease-lost-exit");
        thread.start();
    }
}
