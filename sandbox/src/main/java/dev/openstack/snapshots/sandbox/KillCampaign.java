package dev.openstack.snapshots.sandbox;

import dev.openstack.snapshots.operator.testing.SimulatorClouds;
import dev.openstack.snapshots.operator.testing.MockKubernetesApi;
import dev.openstack.snapshots.operator.testing.admin.CinderAdmin;
import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.SnapshotRestoration;
import dev.openstack.snapshots.operator.api.SnapshotState;
import dev.openstack.snapshots.simulator.CinderSimulator;
import dev.openstack.snapshots.simulator.SimulatorConfig;
import dev.openstack.snapshots.simulator.faults.FaultRule;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The kill campaign (issue 14): the real operator runs as its own OS process against the mock Kubernetes API and the
 * Cinder simulator, whose creates and deletes of snapshots and volumes take up to twice the operator's read timeout.
 * Users create, delete, restore and let snapshots expire all along, while operator processes are killed with SIGKILL at
 * random instants and started again; with two processes, two operators are alive at once all along. At the end the
 * operators run undisturbed until everything is stable, and Cinder is held against Kubernetes ({@link KillAudit}).
 */
final class KillCampaign {

    static final String NAMESPACE = "chaos";
    static final int SOURCE_VOLUMES = 4;
    /**
     * The operator's read timeout in the campaign. Longer than an operator takes to start here (seconds on a loaded
     * machine), so that a create killed mid-call can still be on its way when the next process looks for it: the case
     * a guard kept only in memory gets wrong.
     */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(8);
    /** Kills land within this long after an operator started. */
    static final Duration KILL_WITHIN = Duration.ofSeconds(4);
    static final List<String> SLOW_OPERATIONS = List.of("snapshot.create", "snapshot.delete", "volume.create",
            "volume.delete");

    /**
     * One phase.
     *
     * @param kills SIGKILLs to deliver
     * @param processes operator processes alive at once (1 or 2)
     * @param readTimeout the operator's OpenStack read timeout; Cinder creates and deletes take up to twice this
     * @param takesEffectWithin the part of that latency before the create or delete takes effect in Cinder (the rest
     *     delays the answer). The operator's design assumes a create takes effect within the read timeout of its call.
     * @param killWithin how long after its start an operator is killed, at most (uniformly; a fifth of the kills land
     *     during the start instead)
     * @param seed of every random choice (the instants themselves depend on the machine)
     * @param operatorJar the operator's jar; absent: its classes from this JVM's class path
     * @param workDirectory where the kubeconfig and the operators' log go
     * @param maxLiveSnapshots the workload stops creating above this many
     * @param settleTimeout how long the operators get, undisturbed, to reach a stable end
     */
    record Plan(int kills, int processes, Duration readTimeout, Duration takesEffectWithin, Duration killWithin,
            long seed, Path operatorJar, Path workDirectory, int maxLiveSnapshots, Duration settleTimeout) {

        String phase() {
            return (processes == 1 ? "one process" : processes + " processes at once")
                    + (takesEffectWithin.compareTo(readTimeout) > 0 ? ", creates taking effect after the read timeout" : "");
        }
    }

    private final Plan plan;
    private final PrintStream out;
    private final Random random;
    private final long phaseStart = System.nanoTime();
    private final List<String> crashes = new ArrayList<>();
    private int spawned;

    private KillCampaign(Plan plan, PrintStream out) {
        this.plan = plan;
        this.out = out;
        this.random = new Random(plan.seed());
    }

    static KillFigures run(Plan plan, PrintStream out) throws InterruptedException {
        return new KillCampaign(plan, out).run();
    }

    /**
     * The documented full run: {@code kills} SIGKILLs of one operator process, then a quarter as many (at least 10) with
     * two processes alive at once, both with creates that take effect within the read timeout of their call (the
     * operator's assumption) but are answered up to a read timeout later; 0 when neither duplicated, leaked nor lost
     * anything. A third phase, printed but not judged, lets creates take effect up to twice the read timeout late.
     */
    static int fullRun(int kills, Path operatorJar, PrintStream out) throws InterruptedException {
        Path work = Path.of(System.getProperty("java.io.tmpdir"), "openstack-snapshot-kill-campaign");
        long seed = System.currentTimeMillis();
        List<KillFigures> judged = new ArrayList<>();
        for (Plan plan : List.of(
                new Plan(kills, 1, READ_TIMEOUT, READ_TIMEOUT, KILL_WITHIN, seed, operatorJar, work, 40, Duration.ofMinutes(5)),
                new Plan(Math.max(10, kills / 4), 2, READ_TIMEOUT, READ_TIMEOUT, KILL_WITHIN, seed + 1, operatorJar, work, 40,
                        Duration.ofMinutes(5)))) {
            judged.add(phase(plan, out));
        }
        // Outside the design's assumption (a create takes effect within the read timeout of its call): measured, not judged.
        phase(new Plan(Math.max(10, kills / 4), 1, READ_TIMEOUT, READ_TIMEOUT.multipliedBy(2), KILL_WITHIN, seed + 2, operatorJar,
                work, 40, Duration.ofMinutes(5)), out);
        boolean clean = judged.stream().allMatch(KillFigures::clean);
        out.println(clean ? "OK: no duplicate, no leak, nothing lost (first two phases)." : "FAILED: see the findings above.");
        out.println("rerun: java -jar sandbox/target/sandbox.jar --kill-campaign " + kills);
        return clean ? 0 : 1;
    }

    private static KillFigures phase(Plan plan, PrintStream out) throws InterruptedException {
        KillFigures figures = run(plan, out);
        out.println();
        figures.print(out);
        out.println();
        return figures;
    }

    private KillFigures run() throws InterruptedException {
        Path log = plan.workDirectory().resolve("operators-" + plan.processes()
                + (plan.takesEffectWithin().compareTo(plan.readTimeout()) > 0 ? "-late" : "") + ".log");
        try {
            Files.createDirectories(plan.workDirectory());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SimulatorConfig config = SimulatorConfig.defaults().withTransitionDelay(Duration.ofMillis(300)).withQuotas(-1, -1, -1);
        try (MockKubernetesApi kubernetes = Discovery.mockApi();
                CinderSimulator simulator = CinderSimulator.start(config);
                PrintStream operatorLog = new PrintStream(Files.newOutputStream(log), true, StandardCharsets.UTF_8)) {
            KubernetesClient client = kubernetes.client();
            CinderAdmin cloud = CinderAdmin.of(simulator);
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build()).create();
            client.secrets().inNamespace(NAMESPACE).resource(new SecretBuilder().withNewMetadata().withName(KillWorkload.CLOUD_SECRET)
                    .endMetadata().addToStringData("clouds.yaml", SimulatorClouds.yaml(simulator, "sim")).build()).create();
            List<String> volumes = new ArrayList<>();
            for (int i = 0; i < SOURCE_VOLUMES; i++) {
                volumes.add(cloud.createVolume("source-" + i, 1));
            }
            simulator.controls().resetCounters();
            OperatorLaunch launch = OperatorLaunch.of(plan.operatorJar(),
                    kubernetes.writeKubeconfig(plan.workDirectory().resolve("kubeconfig"), NAMESPACE), plan.readTimeout(), operatorLog);
            out.printf("Kill campaign, %s: %d SIGKILLs; Cinder snapshot/volume creates and deletes take 50 ms .. %d ms "
                            + "(taking effect within the first %d ms), operator read timeout %d ms; seed %d%n  operator: %s%n  log: %s%n",
                    plan.phase(), plan.kills(), 2 * plan.readTimeout().toMillis(), plan.takesEffectWithin().toMillis(),
                    plan.readTimeout().toMillis(), plan.seed(), launch.description(), log);
            KillWorkload workload = new KillWorkload(client, NAMESPACE, volumes, new Random(random.nextLong()), Clock.systemUTC(),
                    plan.maxLiveSnapshots(), Duration.ofSeconds(8));
            CinderSampler sampler = new CinderSampler(cloud, Set.copyOf(volumes));
            KillCampaignUsers users = new KillCampaignUsers(workload, new Random(random.nextLong()), operatorLog);
            OperatorProcess[] running = new OperatorProcess[plan.processes()];
            try {
                sampler.start();
                users.start();
                int[] kills = killRounds(launch, running, simulator);
                users.stop();
                simulator.controls().clearFaults();
                out.printf("  %d kills delivered; the operators now run undisturbed until Cinder and Kubernetes are stable%n", kills[0]);
                List<String> unsettled = awaitSettled(client, cloud, simulator, Set.copyOf(volumes),
                        () -> spawnMissing(launch, running));
                sampler.stop();
                return figures(client, cloud, simulator, workload, sampler, Set.copyOf(volumes), kills, unsettled);
            } finally {
                users.stop();
                sampler.stop();
                for (OperatorProcess p : running) {
                    if (p != null) {
                        p.destroy();
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns {kills, kills before the operator had started, median start-up milliseconds}. */
    private int[] killRounds(OperatorLaunch launch, OperatorProcess[] running, CinderSimulator simulator) {
        int kills = 0;
        int early = 0;
        List<Long> startups = new ArrayList<>();
        long activeMax = plan.killWithin().toMillis();
        while (kills < plan.kills()) {
            slowCinderDown(simulator);
            spawnMissing(launch, running);
            int slot = random.nextInt(running.length);
            OperatorProcess victim = running[slot];
            if (!victim.started() && random.nextInt(5) == 0) {
                Waits.pause(Duration.ofMillis(random.nextLong(1500)));
            } else if (awaitStarted(victim)) {
                Waits.pause(Duration.ofMillis(random.nextLong(activeMax)));
            }
            boolean started = victim.started();
            if (victim.kill()) {
                kills++;
                early += started ? 0 : 1;
                if (started) {
                    startups.add(victim.startupMillis());
                }
            } else {
                crashed(victim);
            }
            running[slot] = null;
            if (running.length > 1 && kills < plan.kills() && random.nextInt(5) == 0) {
                OperatorProcess other = running[1 - slot];
                boolean otherStarted = other.started();
                if (other.kill()) {
                    kills++;
                    early += otherStarted ? 0 : 1;
                } else {
                    crashed(other);
                }
                running[1 - slot] = null;
            }
            if (kills % 10 == 0 && kills > 0 || kills == plan.kills()) {
                out.printf("  %d kills, %d s%n", kills, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - phaseStart));
            }
        }
        startups.sort(Long::compare);
        return new int[] {kills, early, startups.isEmpty() ? -1 : startups.get(startups.size() / 2).intValue()};
    }

    /**
     * An operator that exited by itself (JOSDK stops the process when an informer fails for good, e.g. on a broken
     * watch frame of the mock API server): restarted like a Deployment would, counted apart from the kills.
     */
    private void crashed(OperatorProcess process) {
        crashes.add(process.name() + " exited by itself with status " + process.exitStatus() + (process.started() ? "" : " before it started"));
    }

    /** Spawns an operator in every empty slot, and in the slot of one that exited by itself. */
    private void spawnMissing(OperatorLaunch launch, OperatorProcess[] running) {
        for (int i = 0; i < running.length; i++) {
            if (running[i] != null && !running[i].alive() && !running[i].kill()) {
                crashed(running[i]);
                running[i] = null;
            }
            if (running[i] == null) {
                running[i] = OperatorProcess.spawn(launch, "op-" + (++spawned));
            }
        }
    }

    /** The threads of a hung operator, written next to the operators' logs; returns the file. */
    private static String threadDump(OperatorProcess process) {
        try {
            Path file = Path.of(System.getProperty("java.io.tmpdir"), "openstack-snapshot-kill-campaign",
                    process.name() + "-threads.txt");
            Files.writeString(file, Jcmd.run(process.pid(), "Thread.print"));
            return file.toString();
        } catch (IOException | RuntimeException e) {
            return "not taken (" + e + ")";
        }
    }

    /** Waits until the operator has started; false if it exited first. */
    private static boolean awaitStarted(OperatorProcess process) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!process.started()) {
            if (!process.alive()) {
                return false;
            }
            if (System.nanoTime() > deadline) {
                throw new ScenarioFailure(process.name() + " did not start within 2 minutes; its threads: " + threadDump(process));
            }
            Waits.pause(Duration.ofMillis(20));
        }
        return true;
    }

    /**
     * Keeps a queue of latency rules: each create or delete of a snapshot or volume takes 50 ms .. 2 x read timeout in
     * all, of which up to {@link Plan#takesEffectWithin} pass before it takes effect in Cinder and the rest before the
     * answer. Half of them outlast the read timeout, so the operator never learns the id of what Cinder made.
     */
    private void slowCinderDown(CinderSimulator simulator) {
        Map<String, Long> pending = simulator.controls().pendingFaults().stream()
                .collect(Collectors.groupingBy(FaultRule::operation, Collectors.summingLong(FaultRule::times)));
        long total = 2 * plan.readTimeout().toMillis();
        for (String operation : SLOW_OPERATIONS) {
            for (long i = pending.getOrDefault(operation, 0L); i < 100; i++) {
                long latency = 50 + random.nextLong(total - 50);
                long before = Math.min(latency, random.nextLong(plan.takesEffectWithin().toMillis() + 1));
                simulator.controls().addFault(FaultRule.latency(operation, 1, before, latency - before));
            }
        }
    }

    /**
     * Waits until no object is being deleted or waits for expiry, every snapshot is OK, every restoration of a live
     * snapshot has its volume, nothing in Cinder is transitional or in flight, and what Cinder holds has not changed for
     * the longest a create takes to take effect plus 3 s (so no create still on its way). Returns what never settled.
     */
    private List<String> awaitSettled(KubernetesClient client, CinderAdmin cloud, CinderSimulator simulator, Set<String> sources,
            Runnable restartCrashed) {
        long window = TimeUnit.MILLISECONDS.toNanos(Math.max(plan.readTimeout().toMillis(), plan.takesEffectWithin().toMillis()) + 3000);
        long deadline = System.nanoTime() + plan.settleTimeout().toNanos();
        CinderInventory last = null;
        long stableSince = 0;
        while (true) {
            restartCrashed.run();
            List<String> unsettled = unsettled(client);
            CinderInventory now = CinderInventory.read(cloud, sources);
            if (!unsettled.isEmpty() || now.transitional() > 0 || simulator.controls().inFlight() > 0 || !now.equals(last)) {
                last = now;
                stableSince = System.nanoTime();
            } else if (System.nanoTime() - stableSince >= window) {
                return List.of();
            }
            if (System.nanoTime() > deadline) {
                List<String> result = new ArrayList<>(unsettled);
                if (now.transitional() > 0) {
                    result.add(now.transitional() + " Cinder resources still creating or deleting");
                }
                if (result.isEmpty()) {
                    result.add("Cinder kept changing");
                }
                return result;
            }
            Waits.pause(Duration.ofMillis(500));
        }
    }

    private static List<String> unsettled(KubernetesClient client) {
        List<String> unsettled = new ArrayList<>();
        List<OpenStackSnapshot> snapshots = client.resources(OpenStackSnapshot.class).inNamespace(NAMESPACE).list().getItems();
        Set<String> liveSnapshots = new HashSet<>();
        for (OpenStackSnapshot s : snapshots) {
            liveSnapshots.add(s.getMetadata().getName());
            SnapshotState state = s.getStatus() == null ? null : s.getStatus().getState();
            boolean settled = s.getMetadata().getDeletionTimestamp() == null
                    && (s.getSpec().getKeptUntil() == null && state == SnapshotState.OK || bornExpired(s));
            if (!settled) {
                unsettled.add("unsettled: snapshot " + s.getMetadata().getName() + " state " + state
                        + (s.getMetadata().getDeletionTimestamp() != null ? ", being deleted" : "")
                        + (s.getSpec().getKeptUntil() != null ? ", keptUntil " + s.getSpec().getKeptUntil() : "")
                        + (s.getStatus() != null && s.getStatus().getErrorMessage() != null ? ": " + s.getStatus().getErrorMessage() : ""));
            }
        }
        for (SnapshotRestoration r : client.resources(SnapshotRestoration.class).inNamespace(NAMESPACE).list().getItems()) {
            boolean snapshotLive = liveSnapshots.contains(r.getSpec().getSnapshotRef().getName());
            boolean done = r.getStatus() != null && r.getStatus().getState() == SnapshotState.OK && r.getStatus().getVolumeID() != null;
            if (r.getMetadata().getDeletionTimestamp() != null || (snapshotLive && !done)) {
                unsettled.add("unsettled: restoration " + r.getMetadata().getName() + " state "
                        + (r.getStatus() == null ? null : r.getStatus().getState())
                        + (r.getMetadata().getDeletionTimestamp() != null ? ", being deleted" : ""));
            }
        }
        return unsettled;
    }

    /** Applied with keptUntil already past (the operator was down): documented to stay Erred/Expired, nothing created. */
    private static boolean bornExpired(OpenStackSnapshot s) {
        return s.getStatus() != null && s.getStatus().getState() == SnapshotState.Erred && s.getStatus().getBackendID() == null
                && s.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "Expired".equals(c.getReason()));
    }

    private KillFigures figures(KubernetesClient client, CinderAdmin cloud, CinderSimulator simulator, KillWorkload workload,
            CinderSampler sampler, Set<String> sources, int[] kills, List<String> unsettled) {
        List<OpenStackSnapshot> snapshots = client.resources(OpenStackSnapshot.class).inNamespace(NAMESPACE).list().getItems();
        List<SnapshotRestoration> restorations = client.resources(SnapshotRestoration.class).inNamespace(NAMESPACE).list().getItems();
        Set<String> snapshotNames = snapshots.stream().map(s -> s.getMetadata().getName()).collect(Collectors.toSet());
        Map<String, KillAudit.Live> live = new HashMap<>();
        snapshots.forEach(s -> live.put(s.getMetadata().getUid(), new KillAudit.Live(KillWorkload.SNAPSHOT,
                s.getMetadata().getName(), s.getMetadata().getUid(), bornExpired(s) ? KillAudit.Expect.NONE : KillAudit.Expect.ONE)));
        restorations.forEach(r -> live.put(r.getMetadata().getUid(), new KillAudit.Live(KillWorkload.RESTORATION,
                r.getMetadata().getName(), r.getMetadata().getUid(), snapshotNames.contains(r.getSpec().getSnapshotRef().getName())
                        ? KillAudit.Expect.ONE : KillAudit.Expect.AT_MOST_ONE)));
        Map<String, KillWorkload.Made> ledger = workload.made().stream()
                .collect(Collectors.toMap(KillWorkload.Made::uid, Function.identity()));
        CinderInventory inventory = CinderInventory.read(cloud, sources);
        sampler.record(inventory);
        KillAudit audit = KillAudit.of(live, ledger, inventory);
        List<String> findings = new ArrayList<>(unsettled);
        crashes.forEach(c -> findings.add("crash: " + c));
        findings.addAll(audit.findings());
        return new KillFigures(plan.phase(), kills[0], kills[1], kills[2], crashes.size(), workload.counts(), simulator.controls().count("snapshot.create"),
                simulator.controls().count("volume.create"), snapshots.size(), restorations.size(), audit.duplicates(),
                audit.leaks(), audit.lost(), sampler.everDuplicated(), unsettled.isEmpty(), findings,
                Duration.ofNanos(System.nanoTime() - phaseStart));
    }
}
