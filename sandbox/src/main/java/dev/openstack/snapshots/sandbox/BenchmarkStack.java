package dev.openstack.snapshots.sandbox;

import dev.openstack.snapshots.simulator.CinderSimulator;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;

/** What the benchmark runs against: a Kubernetes API with the operator serving it, and the simulator as Cinder. */
interface BenchmarkStack extends AutoCloseable {

    KubernetesClient client();

    CinderSimulator simulator();

    /** The OS processes doing the work, for CPU seconds per process. */
    List<ProcessCpu> processes();

    /** Heap or memory figure of the operator, as this stack can see it. */
    String operatorMemory();

    @Override
    void close();
}
