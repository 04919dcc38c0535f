package dev.openstack.snapshots.sandbox;

import java.time.Duration;

/**
 * How the sandbox runs.
 *
 * @param keepRunning stay up after the scenario, for kubectl against the printed API URL
 * @param benchmarkSnapshots 0 for the demo; otherwise run the benchmark with this many snapshots
 * @param expirySnapshots 0 for the demo; otherwise measure expiry latency over this many snapshots
 * @param transitionDelay how long the simulator stays in creating/deleting
 * @param verbose also print the operator's own log lines (stderr)
 */
record SandboxOptions(boolean keepRunning, int benchmarkSnapshots, int expirySnapshots, Duration transitionDelay,
        boolean verbose) {

    static final String USAGE = """
            usage: java -jar sandbox/target/sandbox.jar [--keep-running] [--benchmark N | --expiry-benchmark N] [--transition-delay 1500ms] [--verbose]
              (no option)          the life of a snapshot in one minute, then exit 0 (1 if anything failed)
              --keep-running       stay up afterwards; prints the API URL and a kubeconfig for kubectl
              --benchmark N        N snapshots through create -> OK -> delete; throughput, percentiles, request counts
              --expiry-benchmark N N OK snapshots get keptUntil instants seconds ahead; how late after each the Cinder
                                   DELETE arrived and the object went (percentiles)
              --transition-delay D how long Cinder stays 'creating' / 'deleting' (default 1500ms; 200ms in the benchmarks)
              --verbose            the operator's log lines too (stderr)""";

    static SandboxOptions parse(String... args) {
        boolean keepRunning = false;
        boolean verbose = false;
        int benchmark = 0;
        int expiry = 0;
        Duration delay = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--keep-running" -> keepRunning = true;
                case "--verbose" -> verbose = true;
                case "--benchmark" -> benchmark = Integer.parseInt(value(args, ++i));
                case "--expiry-benchmark" -> expiry = Integer.parseInt(value(args, ++i));
                case "--transition-delay" -> delay = Duration.ofMillis(Long.parseLong(value(args, ++i).replace("ms", "")));
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "\n" + USAGE);
            }
        }
        if (delay == null) {
            delay = benchmark > 0 || expiry > 0 ? Duration.ofMillis(200) : Duration.ofMillis(1500);
        }
        if (benchmark > 0 && expiry > 0) {
            throw new IllegalArgumentException("--benchmark and --expiry-benchmark are separate runs\n" + USAGE);
        }
        return new SandboxOptions(keepRunning, benchmark, expiry, delay, verbose);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value\n" + USAGE);
        }
        return args[i];
    }
}
