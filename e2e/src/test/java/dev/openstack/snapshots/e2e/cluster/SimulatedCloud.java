package dev.openstack.snapshots.e2e.cluster;

import dev.openstack.snapshots.operator.testing.SimulatorClouds;
import dev.openstack.snapshots.operator.testing.admin.CinderAdmin;
import dev.openstack.snapshots.simulator.CinderSimulator;
import dev.openstack.snapshots.simulator.SimulatorConfig;
import java.time.Duration;

/**
 * The Cinder simulator in the test JVM, for the cluster tests whose subject is the Kubernetes side (install,
 * RBAC, leader election): it counts every call, so "nothing was created twice" is a number, not a guess.
 */
public final class SimulatedCloud implements AutoCloseable {

    public static final String CLOUD = "sim";

    private final CinderSimulator simulator = CinderSimulator.start(
            SimulatorConfig.defaults().withTransitionDelay(Duration.ofMillis(200)).withQuotas(-1, -1, -1));
    private final CinderAdmin admin = CinderAdmin.of(simulator);

    public CinderSimulator simulator() {
        return simulator;
    }

    public String createVolume(String name) {
        return admin.createVolume(name, 1);
    }

    /** A clouds.yaml with one cloud, {@value #CLOUD}, pointing at the simulator. */
    public String cloudsYaml() {
        return SimulatorClouds.yaml(simulator, CLOUD);
    }

    @Override
    public void close() {
        simulator.close();
    }
}
