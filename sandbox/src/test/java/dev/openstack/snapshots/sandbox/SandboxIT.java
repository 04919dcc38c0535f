package dev.openstack.snapshots.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The README's first command, in-process: the scenario ends OK and every file of examples/ was applied. */
class SandboxIT {

    @Test
    void theDemoShowsTheWholeLifeOfASnapshotAndAppliesEveryExample() throws IOException {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        Scenario.Outcome outcome;
        try (EmbeddedStack stack = new EmbeddedStack(Duration.ofMillis(200), Sandbox.DEMO_SETTINGS, false);
                LiveTable table = new LiveTable(stack.client(), out, true)) {
            outcome = new Scenario(stack, out).run();
        } catch (ScenarioFailure e) {
            throw new AssertionError(e.getMessage() + "\n" + printed.toString(StandardCharsets.UTF_8), e);
        }

        Set<String> appliedFiles = outcome.applied().stream().map(Examples.Applied::file).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(repositoryExamples(), appliedFiles, "every file of examples/ is applied by the sandbox");
        assertTrue(outcome.shown().containsAll(List.of("create (by id, by name, by PVC) and import", "update", "pull",
                "restoration", "restoration into a claim", "schedule tick", "expiry", "deletion (Delete and Retain)")), "shown: " + outcome.shown());
        String table = printed.toString(StandardCharsets.UTF_8);
        assertTrue(table.contains("Creating") && table.contains("OK") && table.contains("(deleted)"),
                "the live table shows the transitions:\n" + table);
    }

    private static Set<String> repositoryExamples() throws IOException {
        Path examples = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolveSibling("examples");
        try (Stream<Path> files = Files.list(examples)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.matches(".*\\.ya?ml"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
