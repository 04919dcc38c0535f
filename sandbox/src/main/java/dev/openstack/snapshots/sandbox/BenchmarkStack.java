package dev.openstack.snapshots.sandbox;

import dev.openstack.snapshots.simulator.CinderSimulator;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;

/** What the benchmark runs against: a Kubernetes API with the operator serving it, and a Cinder (the simulator's or a real one). */
interface BenchmarkStack extends AutoCloseable {

    KubernetesClient client();

    /** The simulator; the runs that need its controls (restart, expiry) have no real-cloud variant. */
    CinderSimulator simulator();

    /** The Cinder the operator works against in this run. */
    BenchmarkCinder cinder();

    /** The OS processes doing the work, for CPU seconds per process. */
    List<ProcessCpu> processes();

    /** Heap or memory figure of the operator, as this stack can see it. */
    String operatorMemory();

    /** Starts the operator if it does not run yet. */
    default void startOperator() {
    }

    /** Whether the Kubernetes API is a real kube-apiserver (its /metrics count requests; the limits can be measured). */
    default boolean realApiServer() {
        return false;
    }

    @Override
    void close();
}
