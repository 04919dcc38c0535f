package dev.openstack.snapshots.sandbox;

import dev.openstack.snapshots.operator.testing.SimulatorClouds;
import dev.openstack.snapshots.operator.testing.admin.CinderAdmin;
import dev.openstack.snapshots.simulator.CinderSimulator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The benchmark's Cinder when it is the simulator in this JVM: its own request counters tell every operation apart. */
final class SimulatorCinder implements BenchmarkCinder {

    private final CinderSimulator simulator;
    private final Duration transitionDelay;
    private final CinderAdmin admin;

    SimulatorCinder(CinderSimulator simulator, Duration transitionDelay) {
        this.simulator = simulator;
        this.transitionDelay = transitionDelay;
        this.admin = CinderAdmin.of(simulator);
    }

    @Override
    public String cloudName() {
        return "sim";
    }

    @Override
    public String cloudsYaml() {
        return SimulatorClouds.yaml(simulator, cloudName());
    }

    @Override
    public CinderAdmin admin() {
        return admin;
    }

    @Override
    public String describe() {
        return "the Cinder simulator in this JVM, transitions " + transitionDelay.toMillis() + " ms";
    }

    /** The simulator's counters without its internal ones ({@code _...}); they include the benchmark's own calls. */
    @Override
    public Map<String, Long> calls() {
        Map<String, Long> calls = new TreeMap<>(simulator.controls().counters());
        calls.keySet().removeIf(op -> op.startsWith("_"));
        return calls;
    }

    @Override
    public List<String> callColumns() {
        return List.of("snapshot.list", "snapshot.get", "snapshot.create", "snapshot.update", "snapshot.delete",
                "volume.get", "volume.list");
    }

    @Override
    public String callsSource() {
        return "the simulator's request counters, by operation";
    }
}
