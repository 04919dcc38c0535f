package dev.openstack.snapshots.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The CI-sized kill campaign (issue 14): the operator jar as its own process, SIGKILLed 22 times alone and 8 times
 * with a second operator alive, while Cinder creates and deletes take up to twice its read timeout. Cinder must end with
 * exactly one snapshot per live object, a volume per restoration and nothing for deleted or expired objects. The jar
 * is the one `mvn verify` just packaged in operator/; without it (a bare `mvn test`) the same classes run from the
 * class path. The full run is `java -jar sandbox/target/sandbox.jar --kill-campaign 200` (docs/reliability.md).
 */
class KillCampaignIT {

    /** The jar `mvn verify` just packaged; -Dkill.operatorJar=PATH to run another build against the same campaign. */
    private static final Path OPERATOR_JAR = Path.of(System.getProperty("kill.operatorJar",
            Path.of("..", "operator", "target", "openstack-snapshot-operator.jar").toString()));
    /** The operators' logs stay here for a look after a failure. */
    private static final Path WORK = Path.of("target", "kill-campaign");

    @Test
    void sigkillsAtRandomInstantsNeitherDuplicateNorLeakNorLoseCinderResources() throws InterruptedException {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        long seed = System.currentTimeMillis();
        KillFigures one;
        KillFigures two;
        try {
            one = KillCampaign.run(plan(22, 1, seed), out);
            two = KillCampaign.run(plan(8, 2, seed + 1), out);
        } catch (ScenarioFailure e) {
            throw new AssertionError(e.getMessage() + "\n" + printed.toString(StandardCharsets.UTF_8), e);
        }
        one.print(out);
        two.print(out);
        String report = printed.toString(StandardCharsets.UTF_8);
        System.out.println(report);

        assertTrue(one.kills() + two.kills() >= 30, report);
        assertTrue(one.workload().snapshots() > 0 && one.workload().restorations() > 0 && one.workload().expiring() > 0
                && one.workload().snapshotDeletes() > 0, "the workload made, restored, expired and deleted snapshots\n"
                + report);
        for (KillFigures phase : new KillFigures[] {one, two}) {
            assertTrue(phase.settled(), phase.phase() + " settled\n" + report);
            assertEquals(0, phase.duplicates(), phase.phase() + ": duplicates\n" + report);
            assertEquals(0, phase.leaks(), phase.phase() + ": leaks\n" + report);
            assertEquals(0, phase.lost(), phase.phase() + ": lost\n" + report);
        }
    }

    /** The campaign's read timeout, creates taking effect within it (the design's assumption), 15 snapshots live at most. */
    private static KillCampaign.Plan plan(int kills, int processes, long seed) {
        return new KillCampaign.Plan(kills, processes, KillCampaign.READ_TIMEOUT, KillCampaign.READ_TIMEOUT,
                KillCampaign.KILL_WITHIN, seed, OPERATOR_JAR, WORK, 15, Duration.ofMinutes(3));
    }
}
