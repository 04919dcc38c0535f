package dev.openstack.snapshots.sandbox;

import dev.openstack.snapshots.operator.Main;
import dev.openstack.snapshots.operator.OperatorSettings;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How the kill campaign starts an operator process: the production jar (or, without it, the same classes from this
 * JVM's class path) against a kubeconfig, with its settings as environment variables, its output into one log.
 *
 * @param command the java command line
 * @param environment variables added to this process's environment
 * @param log where every operator process's lines go, prefixed with its name
 * @param description what runs, for the report
 */
record OperatorLaunch(List<String> command, Map<String, String> environment, PrintStream log, String description) {

    /** Small heap and quick start: up to three of these share two CPUs with the harness. */
    private static final List<String> JVM_FLAGS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx256m",
            "-XX:-UsePerfData");

    OperatorLaunch {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
    }

    /**
     * The operator of {@code operatorJar} if that file exists, else {@link Main} from this JVM's class path. The read
     * timeout is the operator's own setting; polls and retries are quick so that a run of minutes sees many cycles.
     */
    static OperatorLaunch of(Path operatorJar, Path kubeconfig, Duration readTimeout, PrintStream log) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_FLAGS);
        String description;
        if (operatorJar != null && Files.isRegularFile(operatorJar)) {
            command.add("-jar");
            command.add(operatorJar.toAbsolutePath().toString());
            description = operatorJar.toAbsolutePath().normalize().toString();
        } else {
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(Main.class.getName());
            description = Main.class.getName() + " from the class path (no jar at " + operatorJar + ")";
        }
        Map<String, String> environment = Map.ofEntries(
                Map.entry("KUBECONFIG", kubeconfig.toAbsolutePath().toString()),
                Map.entry(OperatorSettings.OPENSTACK_READ_TIMEOUT.env(), readTimeout.toMillis() + "ms"),
                Map.entry(OperatorSettings.OPENSTACK_CONNECT_TIMEOUT.env(), "2s"),
                Map.entry(OperatorSettings.FAST_POLL_INTERVAL.env(), "500ms"),
                Map.entry(OperatorSettings.SLOW_POLL_INTERVAL.env(), "5s"),
                Map.entry(OperatorSettings.RETRY_INITIAL_INTERVAL.env(), "500ms"),
                Map.entry(OperatorSettings.RETRY_MAX_INTERVAL.env(), "4s"),
                // Two operators at once must not fight over a port.
                Map.entry(OperatorSettings.METRICS_PORT.env(), "0"),
                // What is under test is the guard that needs no leader: two processes both reconcile, as during a
                // lease handover or with two lease names. (With a leader, each SIGKILL would also cost a 15 s lease.)
                Map.entry(OperatorSettings.LEADER_ELECTION.env(), "false"));
        return new OperatorLaunch(command, environment, log, description);
    }
}
