package dev.openstack.snapshots.sandbox;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How the sandbox runs.
 *
 * @param keepRunning stay up after the scenario, for kubectl against the printed API URL
 * @param benchmarkSnapshots 0 for the demo; otherwise run the benchmark with this many snapshots
 * @param expirySnapshots 0 for the demo; otherwise measure expiry latency over this many snapshots
 * @param transitionDelay how long the simulator stays in creating/deleting
 * @param verbose also print the operator's own log lines (stderr)
 * @param kills 0 for the demo; otherwise run the kill campaign with this many SIGKILLs
 * @param operatorJar the operator jar the kill campaign, and the benchmark on a real API server, start
 * @param kubeconfig null for the mock; otherwise the demo or the benchmark runs against this kubeconfig's API server
 * @param profile null, or the Java Flight Recorder file the benchmark's operator process writes (with --kubeconfig)
 * @param observation the benchmark operator's OBSERVATION setting (bulk or per-object)
 * @param portLatencyRounds 0 for the demo; otherwise time each Cinder port call over this many rounds
 * @param cloud null for the simulator; otherwise the cloud in clouds.yaml of the port latency benchmark or (given
 *              explicitly, never from $OS_CLOUD) of the benchmark on a real API server
 * @param volume the source volume of the port latency benchmark on {@code cloud}
 * @param restart with the benchmark on a real API server: measure a restart of the operator with N OK snapshots instead
 *                of their lifecycle
 * @param adminCloud null, or an admin cloud of the same clouds.yaml that may raise the benchmark cloud's quota for the run
 */
record SandboxOptions(boolean keepRunning, int benchmarkSnapshots, int expirySnapshots, Duration transitionDelay,
        boolean verbose, int kills, Path operatorJar, Path kubeconfig, Path profile, String observation,
        int portLatencyRounds, String cloud, String volume, boolean restart, String adminCloud) {

    static final Path DEFAULT_OPERATOR_JAR = Path.of("operator", "target", "openstack-snapshot-operator.jar");


    static final String USAGE = """
            usage: java -jar sandbox/target/sandbox.jar [--keep-running] [--benchmark N | --expiry-benchmark N | --kill-campaign N
                                                         | --port-latency N [--cloud NAME --volume ID]]
                                                         [--kubeconfig FILE [--restart | --cloud NAME [--admin-cloud NAME]]]
                                                         [--transition-delay 1500ms] [--verbose]
                                                         [--operator-jar PATH]
              (no option)          the life of a snapshot in one minute, then exit 0 (1 if anything failed)
              --keep-running       stay up afterwards; prints the API URL and a kubeconfig for kubectl
              --benchmark N        N snapshots through create -> OK -> delete; throughput, percentiles, request counts
              --expiry-benchmark N N OK snapshots get keptUntil instants seconds ahead; how late after each the Cinder
                                   DELETE arrived and the object went (percentiles)
              --kill-campaign N    the operator jar as its own process, SIGKILLed N times at random instants while
                                   snapshots are created, deleted, restored and expire and Cinder is slower than the
                                   read timeout; then N/4 kills with two operators alive at once. Prints kills,
                                   objects, creates sent, duplicates, leaks; exit 1 if anything duplicated or leaked
              --port-latency N     each Cinder port call (create, get, update, list, delete of snapshots and volumes)
                                   timed through the production adapter over N rounds after a warm-up round: median,
                                   min, max. Against the simulator, or with --cloud the cloud of that name in the
                                   clouds.yaml OpenStack's clients read ($OS_CLIENT_CONFIG_FILE, ./clouds.yaml,
                                   ~/.config/openstack/clouds.yaml, /etc/openstack/clouds.yaml; default $OS_CLOUD),
                                   snapshotting its available volume --volume ID
              --operator-jar PATH  the jar --kill-campaign and --kubeconfig start (default operator/target/openstack-snapshot-operator.jar)
              --kubeconfig FILE    a running kube-apiserver instead of the mock (e2e/kubernetes-on-loopback.sh, or a cluster
                                   where you may create CRDs, namespaces and PVs). The demo: the operator in this JVM watches
                                   namespace team-a (cleared first, deleted again at the end unless --keep-running), and
                                   kube-controller-manager binds the restored claim. With --benchmark: the operator jar as its
                                   own process; CPU seconds of operator, kube-apiserver and etcd
              --restart            with --benchmark N --kubeconfig: N snapshots made OK, then the operator restarted
                                   (SIGTERM, as a rollout, then a new process): time until every object is
                                   re-observed (its /metrics), Cinder calls and creates meanwhile, then all deleted
              --cloud NAME         with --benchmark N --kubeconfig: real Keystone + Cinder instead of the simulator, the
                                   cloud of that name in the clouds.yaml found as for --port-latency. The operator's
                                   Secret carries that entry; 10 source volumes of 1 GiB are made in its project and
                                   deleted at the end; the direct limit runs against it too; Cinder calls are counted
                                   by the operator's /metrics. The project must hold N snapshots more
              --admin-cloud NAME   with --cloud: an admin of the same clouds.yaml that raises the project's quota where
                                   it would not hold the run, and sets the previous limits back at the end
              --profile FILE       with --benchmark N --kubeconfig: the operator process records a Java Flight Recording into FILE
              --observation MODE   with --benchmark: the operator's OBSERVATION, bulk (default) or per-object (a GET
                                   per snapshot per poll, the baseline)
              --transition-delay D how long Cinder stays 'creating' / 'deleting' (default 1500ms; 200ms in the benchmarks)
              --verbose            the operator's log lines too (stderr)""";

    static SandboxOptions parse(String... args) {
        return parse(System::getenv, args);
    }

    /** {@code environment}: where $OS_CLOUD is read (the tests' own, not the process's). */
    static SandboxOptions parse(java.util.function.UnaryOperator<String> environment, String... args) {
        boolean keepRunning = false;
        boolean verbose = false;
        int benchmark = 0;
        int expiry = 0;
        Duration delay = null;
        int kills = 0;
        Path operatorJar = DEFAULT_OPERATOR_JAR;
        Path kubeconfig = null;
        Path profile = null;
        String observation = "bulk";
        int portLatency = 0;
        String cloud = null;
        String adminCloud = null;
        String volume = null;
        boolean restart = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--keep-running" -> keepRunning = true;
                case "--verbose" -> verbose = true;
                case "--restart" -> restart = true;
                case "--benchmark" -> benchmark = Integer.parseInt(value(args, ++i));
                case "--expiry-benchmark" -> expiry = Integer.parseInt(value(args, ++i));
                case "--kill-campaign" -> kills = Integer.parseInt(value(args, ++i));
                case "--operator-jar" -> operatorJar = Path.of(value(args, ++i));
                case "--kubeconfig" -> kubeconfig = Path.of(value(args, ++i));
                case "--profile" -> profile = Path.of(value(args, ++i));
                case "--observation" -> observation = value(args, ++i);
                case "--port-latency" -> portLatency = Integer.parseInt(value(args, ++i));
                case "--cloud" -> cloud = value(args, ++i);
                case "--volume" -> volume = value(args, ++i);
                case "--admin-cloud" -> adminCloud = value(args, ++i);
                case "--transition-delay" -> delay = Duration.ofMillis(Long.parseLong(value(args, ++i).replace("ms", "")));
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "\n" + USAGE);
            }
        }
        if (delay == null) {
            delay = benchmark > 0 || expiry > 0 || portLatency > 0 ? Duration.ofMillis(200) : Duration.ofMillis(1500);
        }
        if ((benchmark > 0 ? 1 : 0) + (expiry > 0 ? 1 : 0) + (kills > 0 ? 1 : 0) + (portLatency > 0 ? 1 : 0) > 1) {
            throw new IllegalArgumentException(
                    "--benchmark, --expiry-benchmark, --kill-campaign and --port-latency are separate runs\n" + USAGE);
        }
        if (volume != null && portLatency == 0) {
            throw new IllegalArgumentException("--volume is for --port-latency N\n" + USAGE);
        }
        if (kubeconfig != null && (expiry > 0 || kills > 0 || portLatency > 0)) {
            throw new IllegalArgumentException("--kubeconfig is for the demo and --benchmark N\n" + USAGE);
        }
        if (profile != null && (kubeconfig == null || benchmark == 0)) {
            throw new IllegalArgumentException("--profile records the operator process that --benchmark N --kubeconfig starts\n" + USAGE);
        }
        if (restart && (kubeconfig == null || benchmark == 0)) {
            throw new IllegalArgumentException("--restart restarts the operator process that --benchmark N --kubeconfig starts\n" + USAGE);
        }
        if (cloud != null && portLatency == 0 && (benchmark == 0 || kubeconfig == null)) {
            throw new IllegalArgumentException("--cloud is for --port-latency N and --benchmark N --kubeconfig FILE\n" + USAGE);
        }
        if (cloud != null && restart) {
            throw new IllegalArgumentException("--restart runs against the simulator only (it reads its counters)\n" + USAGE);
        }
        if (adminCloud != null && (cloud == null || benchmark == 0)) {
            throw new IllegalArgumentException("--admin-cloud is for --benchmark N --kubeconfig FILE --cloud NAME\n" + USAGE);
        }
        dev.openstack.snapshots.operator.observation.ObservationMode.parse(observation);
        if (portLatency > 0 && cloud == null) {
            cloud = environment.apply("OS_CLOUD"); // as OpenStack's clients do; a benchmark of N snapshots needs --cloud
        }
        return new SandboxOptions(keepRunning, benchmark, expiry, delay, verbose, kills, operatorJar, kubeconfig, profile,
                observation, portLatency, cloud, volume, restart, adminCloud);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value\n" + USAGE);
        }
        return args[i];
    }
}
