package dev.openstack.snapshots.sandbox;

import dev.openstack.snapshots.operator.testing.admin.CinderAdmin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openstack.snapshots.simulator.CinderSimulator;
import dev.openstack.snapshots.simulator.SimulatorConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** --port-latency against the simulator: every port call is timed each counted round, and nothing is left in Cinder. */
class PortLatencyBenchmarkIT {

    @Test
    void timesEveryPortCallEachRoundAndLeavesNothingBehind() {
        try (CinderSimulator simulator = CinderSimulator.start(SimulatorConfig.defaults().withTransitionDelay(Duration.ofMillis(50)))) {
            CinderAdmin admin = CinderAdmin.of(simulator);
            String volume = admin.createVolume("source", 1);
            PortLatencyBenchmark benchmark = new PortLatencyBenchmark(PortLatencyBenchmark.connectTo(simulator), volume)
                    .measure(2);
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            benchmark.print(new PrintStream(printed, true, StandardCharsets.UTF_8));
            String report = printed.toString(StandardCharsets.UTF_8);

            Map<String, List<Double>> millis = benchmark.millis();
            assertEquals(List.of("snapshots.create (incl. description update)", "snapshots.get", "snapshots.update",
                    "snapshots.replaceMetadata", "snapshots.list(limit 100)", "snapshots.findByMetadata",
                    "volumes.createFromSnapshot", "volumes.get", "volumes.findByName", "volumes.list(limit 100)",
                    "volumes.delete", "snapshots.delete", "snapshots.get (404)"), List.copyOf(millis.keySet()), report);
            millis.forEach((op, calls) -> assertEquals(2, calls.size(), op + ": the warm-up round is not counted\n" + report));
            assertEquals(millis.size(), report.lines().filter(l -> l.startsWith("LATENCY ")).count(), report);
            assertEquals(List.of(), admin.snapshots(), "every snapshot deleted again");
            assertEquals(List.of(volume), admin.volumes().stream().map(v -> v.path("id").asText()).toList(),
                    "only the source volume is left");
        }
    }

    @Test
    void findsTheCloudsYamlWhereOpenStacksClientsLook() {
        assertEquals(Optional.of(Path.of("/some/clouds.yaml")), PortLatencyBenchmark.cloudsYaml("/some/clouds.yaml"));
        assertTrue(PortLatencyBenchmark.CLOUDS_YAML_PLACES.contains(Path.of("/etc/openstack/clouds.yaml")));
    }
}
