package dev.openstack.snapshots.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openstack.snapshots.operator.testing.admin.CinderAdmin;
import dev.openstack.snapshots.operator.testing.admin.CloudsFile;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The benchmark's Cinder when it is a real cloud named in a clouds.yaml (the loopback Keystone + Cinder of
 * e2e/openstack-on-loopback.sh, or any other): the operator's Secret carries that cloud's entry, the source volumes are
 * made in its project and deleted at the end, and the operator's calls are counted by the operator itself
 * ({@link OperatorCinderCalls}), real Cinder having no counters to ask. Where the project's quota would not hold the
 * run, an admin cloud of the same clouds.yaml raises it for the run and sets the previous limits back at the end.
 */
final class RealCinder implements BenchmarkCinder {

    /** Where the benchmark's cloud is: its clouds.yaml, its entry, and an admin entry for quota (null for none). */
    record Choice(Path cloudsYaml, String cloud, String adminCloud) {
    }

    private final Choice choice;
    private final CloudsFile clouds;
    private final CinderAdmin user;
    private final Supplier<String> operatorMetrics;
    private final PrintStream out;
    private final List<String> volumes = new CopyOnWriteArrayList<>();
    private CinderAdmin quotaAdmin;
    private Map<String, Integer> limitsBefore = Map.of();

    private RealCinder(Choice choice, CloudsFile clouds, Supplier<String> operatorMetrics, PrintStream out) {
        this.choice = choice;
        this.clouds = clouds;
        this.operatorMetrics = operatorMetrics;
        this.out = out;
        this.user = CinderAdmin.login(clouds.entry(choice.cloud()));
    }

    /** Logged in as the cloud (plain REST, Keystone v3); {@code operatorMetrics} reads the operator's /metrics. */
    static RealCinder open(Choice choice, Supplier<String> operatorMetrics, PrintStream out) {
        CloudsFile clouds = CloudsFile.read(choice.cloudsYaml());
        for (String name : choice.adminCloud() == null ? List.of(choice.cloud()) : List.of(choice.cloud(), choice.adminCloud())) {
            if (!clouds.has(name)) {
                throw new ScenarioFailure("cloud '" + name + "' is not in " + choice.cloudsYaml() + " (clouds: " + clouds.names() + ")");
            }
        }
        return new RealCinder(choice, clouds, operatorMetrics, out);
    }

    @Override
    public String cloudName() {
        return choice.cloud();
    }

    @Override
    public String cloudsYaml() {
        return clouds.yamlOf(choice.cloud());
    }

    @Override
    public CinderAdmin admin() {
        return user;
    }

    @Override
    public String describe() {
        return "real Cinder: cloud " + choice.cloud() + " of " + choice.cloudsYaml() + " (" + clouds.entry(choice.cloud()).authUrl()
                + "), project " + user.projectId();
    }

    @Override
    public Map<String, Long> calls() {
        return OperatorCinderCalls.of(operatorMetrics.get(), choice.cloud());
    }

    @Override
    public List<String> callColumns() {
        return List.of("snapshot.list", "snapshot.get", "snapshot.create", "snapshot.delete", "volume.get", "terminal",
                "transient");
    }

    @Override
    public String callsSource() {
        return "the operator's /metrics (openstack_snapshot_operator_cinder_calls_seconds_count, one per Cinder port call:"
                + " answered calls by operation, failed ones by outcome)";
    }

    @Override
    public String sourceVolume(String name) {
        String id = user.requestVolume(name, 1);
        volumes.add(id);
        user.awaitVolumeStatus(id, "available");
        return id;
    }

    /**
     * Raises the project's limits that would not hold {@code snapshots}, {@code volumes} and {@code gigabytes} more
     * (with the admin cloud); fails with what is missing when there is no admin cloud to ask.
     */
    @Override
    public void makeRoom(int snapshots, int volumeCount, int gigabytes) {
        JsonNode usage = user.quotaUsage(user.projectId());
        Map<String, Integer> raises = QuotaRoom.raises(usage,
                Map.of("snapshots", snapshots, "volumes", volumeCount, "gigabytes", gigabytes));
        if (raises.isEmpty()) {
            out.printf("quota of project %s holds the run (%d snapshots, %d volumes, %d GiB at most at once)%n",
                    user.projectId(), snapshots, volumeCount, gigabytes);
            return;
        }
        if (choice.adminCloud() == null) {
            throw new ScenarioFailure("the quota of project " + user.projectId() + " is too small for the run: it needs "
                    + raises + "; name an admin of that cloud with --admin-cloud NAME to raise it for the run"
                    + " (the previous limits are set back at the end)");
        }
        quotaAdmin = CinderAdmin.login(clouds.entry(choice.adminCloud()));
        limitsBefore = QuotaRoom.limits(usage, raises.keySet());
        quotaAdmin.setQuotas(user.projectId(), raises);
        out.printf("quota of project %s raised for the run by cloud %s: %s (was %s)%n", user.projectId(),
                choice.adminCloud(), raises, limitsBefore);
    }

    /**
     * Deletes the run's source volumes (first any snapshot of theirs a failed run left behind) and sets the quota
     * back; each step is tried even when one before it failed.
     */
    @Override
    public void close() {
        Set<String> ours = Set.copyOf(volumes);
        try {
            List<String> leftovers = user.snapshots().stream().filter(s -> ours.contains(s.path("volume_id").asText()))
                    .map(s -> s.path("id").asText()).toList();
            if (!leftovers.isEmpty()) {
                out.println("deleting " + leftovers.size() + " snapshots of the run's volumes left in Cinder: " + leftovers);
                leftovers.forEach(user::deleteSnapshot);
                Waits.until("the run's leftover snapshots gone", Duration.ofMinutes(5), () -> user.snapshots().stream()
                        .noneMatch(s -> leftovers.contains(s.path("id").asText())));
            }
            ours.forEach(user::deleteVolume);
            Waits.until("the run's " + ours.size() + " source volumes gone", Duration.ofMinutes(5),
                    () -> ours.stream().noneMatch(user::volumeExists));
            out.println("deleted the run's " + ours.size() + " source volumes");
        } finally {
            if (!limitsBefore.isEmpty()) {
                quotaAdmin.setQuotas(user.projectId(), limitsBefore);
                out.println("quota of project " + user.projectId() + " set back to " + limitsBefore);
            }
        }
    }
}
