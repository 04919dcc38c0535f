package dev.openstack.snapshots.sandbox;

import dev.openstack.snapshots.operator.testing.SimulatorClouds;
import dev.openstack.snapshots.operator.testing.admin.CinderAdmin;
import dev.openstack.snapshots.operator.cinder.BlockStorage;
import dev.openstack.snapshots.operator.cinder.CinderSnapshot;
import dev.openstack.snapshots.operator.cinder.CinderVolume;
import dev.openstack.snapshots.operator.cinder.NewSnapshot;
import dev.openstack.snapshots.operator.cinder.NewVolume;
import dev.openstack.snapshots.operator.cloud.CloudsYaml;
import dev.openstack.snapshots.operator.cinder.openstack.OpenStackClouds;
import dev.openstack.snapshots.operator.cloud.OpenStackSettings;
import dev.openstack.snapshots.simulator.CinderSimulator;
import dev.openstack.snapshots.simulator.SimulatorConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * How long each call of the Cinder port takes through the production adapter (openstack4j, OkHttp, our Keystone
 * session): a snapshot and a volume from it made, read, listed, updated and deleted, round after round; the first round
 * warms up and is not counted. Against a real cloud named in a clouds.yaml (an available volume of that cloud is the
 * source; nothing else of the project is touched) or, without one, against the simulator in this JVM. Measures and
 * prints; it asserts nothing about speed.
 */
final class PortLatencyBenchmark {

    /** Where OpenStack's own clients look for clouds.yaml, in their order (after $OS_CLIENT_CONFIG_FILE). */
    static final List<Path> CLOUDS_YAML_PLACES = List.of(Path.of("clouds.yaml"),
            Path.of(System.getProperty("user.home"), ".config", "openstack", "clouds.yaml"),
            Path.of("/etc/openstack/clouds.yaml"));
    private static final Duration TRANSITION_LIMIT = Duration.ofMinutes(2);

    private final BlockStorage cinder;
    private final String volumeId;
    private final Map<String, List<Double>> millis = new LinkedHashMap<>();

    PortLatencyBenchmark(BlockStorage cinder, String volumeId) {
        this.cinder = cinder;
        this.volumeId = volumeId;
    }

    /** {@code --port-latency ROUNDS}: the cloud and volume from the options, else the simulator. */
    static int run(SandboxOptions options, PrintStream out) {
        int rounds = options.portLatencyRounds();
        if (options.cloud() == null) {
            out.println("Port latency: the Cinder simulator in this JVM (--cloud NAME --volume ID for a real cloud)");
            try (CinderSimulator simulator = CinderSimulator.start(SimulatorConfig.defaults()
                    .withTransitionDelay(options.transitionDelay()))) {
                String volume = CinderAdmin.of(simulator).createVolume("latency-source", 1);
                new PortLatencyBenchmark(connectTo(simulator), volume).measure(rounds).print(out);
            }
            return 0;
        }
        if (options.volume() == null) {
            System.err.println("--cloud needs --volume ID: an available volume of that cloud to snapshot\n" + SandboxOptions.USAGE);
            return 2;
        }
        Optional<Path> file = cloudsYaml(System.getenv("OS_CLIENT_CONFIG_FILE"));
        if (file.isEmpty()) {
            System.err.println("no clouds.yaml: set OS_CLIENT_CONFIG_FILE or put one in " + CLOUDS_YAML_PLACES);
            return 2;
        }
        out.println("Port latency: cloud " + options.cloud() + " of " + file.get() + ", source volume " + options.volume());
        BlockStorage cinder = connect(read(file.get()), options.cloud());
        new PortLatencyBenchmark(cinder, options.volume()).measure(rounds).print(out);
        return 0;
    }

    /** The clouds.yaml OpenStack's clients would read: {@code explicit} ($OS_CLIENT_CONFIG_FILE) first. */
    static Optional<Path> cloudsYaml(String explicit) {
        if (explicit != null && !explicit.isBlank()) {
            return Optional.of(Path.of(explicit));
        }
        return CLOUDS_YAML_PLACES.stream().filter(Files::isRegularFile).findFirst();
    }

    /** The production adapter logged in to the simulator. */
    static BlockStorage connectTo(CinderSimulator simulator) {
        return connect(SimulatorClouds.yaml(simulator, "sim"), "sim");
    }

    private static BlockStorage connect(String cloudsYaml, String cloud) {
        return new OpenStackClouds(OpenStackSettings.defaults(), Clock.systemUTC())
                .connect(CloudsYaml.parse(cloudsYaml, cloud, null));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** {@code rounds} rounds after one warm-up round; every Cinder object made is deleted again. */
    PortLatencyBenchmark measure(int rounds) {
        for (int round = 0; round <= rounds; round++) {
            boolean counted = round > 0;
            CinderSnapshot s = time(counted, "snapshots.create (incl. description update)",
                    () -> cinder.snapshots().create(new NewSnapshot(volumeId, "latency", "d", false, Map.of("k", "v"))));
            await("snapshot " + s.id() + " available",
                    () -> cinder.snapshots().get(s.id()).map(x -> x.status().equals("available")).orElse(false));
            time(counted, "snapshots.get", () -> cinder.snapshots().get(s.id()));
            time(counted, "snapshots.update", () -> cinder.snapshots().update(s.id(), "latency2", "d2"));
            time(counted, "snapshots.replaceMetadata", () -> cinder.snapshots().replaceMetadata(s.id(), Map.of("a", "b")));
            time(counted, "snapshots.list(limit 100)", () -> cinder.snapshots().list(null, 100));
            time(counted, "snapshots.findByMetadata", () -> cinder.snapshots().findByMetadata("a", "b"));
            CinderVolume v = time(counted, "volumes.createFromSnapshot", () -> cinder.volumes()
                    .createFromSnapshot(new NewVolume(s.id(), "latency-v", null, null, null, null, Map.of())));
            await("volume " + v.id() + " available",
                    () -> cinder.volumes().get(v.id()).map(x -> x.status().equals("available")).orElse(false));
            time(counted, "volumes.get", () -> cinder.volumes().get(v.id()));
            time(counted, "volumes.findByName", () -> cinder.volumes().findByName("latency-v"));
            time(counted, "volumes.list(limit 100)", () -> cinder.volumes().list(null, 100));
            time(counted, "volumes.delete", () -> cinder.volumes().delete(v.id()));
            await("volume " + v.id() + " gone", () -> cinder.volumes().get(v.id()).isEmpty());
            time(counted, "snapshots.delete", () -> cinder.snapshots().delete(s.id()));
            await("snapshot " + s.id() + " gone", () -> cinder.snapshots().get(s.id()).isEmpty());
            time(counted, "snapshots.get (404)", () -> cinder.snapshots().get(s.id()));
        }
        return this;
    }

    /** Milliseconds per call of each operation, in the order first called. */
    Map<String, List<Double>> millis() {
        return Collections.unmodifiableMap(millis);
    }

    void print(PrintStream out) {
        millis.forEach((op, list) -> {
            List<Double> sorted = new ArrayList<>(list);
            Collections.sort(sorted);
            out.printf("LATENCY %-45s median %6.1f ms  min %6.1f  max %6.1f  (%d calls)%n", op, sorted.get(sorted.size() / 2),
                    sorted.get(0), sorted.get(sorted.size() - 1), sorted.size());
        });
    }

    private <T> T time(boolean counted, String op, Supplier<T> call) {
        long t0 = System.nanoTime();
        T result = call.get();
        if (counted) {
            millis.computeIfAbsent(op, k -> new ArrayList<>()).add((System.nanoTime() - t0) / 1e6);
        }
        return result;
    }

    private static void await(String what, BooleanSupplier done) {
        Waits.until(what, TRANSITION_LIMIT, done::getAsBoolean);
    }
}
