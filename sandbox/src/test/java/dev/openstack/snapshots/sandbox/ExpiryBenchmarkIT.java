package dev.openstack.snapshots.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** --expiry-benchmark with a few snapshots: every one expires through Cinder, never before its keptUntil. No speed asserted. */
class ExpiryBenchmarkIT {

    @Test
    void everySnapshotExpiresThroughACinderDeleteThatArrivesAfterItsKeptUntil() throws InterruptedException {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        ExpiryBenchmark.Result result;
        try {
            result = ExpiryBenchmark.measure(6, Duration.ofSeconds(4), Duration.ofMillis(200), out);
        } catch (ScenarioFailure e) {
            throw new AssertionError(e.getMessage() + "\n" + printed.toString(StandardCharsets.UTF_8), e);
        }

        String report = printed.toString(StandardCharsets.UTF_8);
        assertEquals(6, result.deleteArrived().size(), report);
        result.deleteArrived().forEach((name, late) -> {
            assertFalse(late.isNegative(), name + ": Cinder DELETE arrived " + late.negated() + " before keptUntil\n" + report);
            assertTrue(result.objectGone().get(name).compareTo(late) > 0, name + ": object gone before its Cinder DELETE\n" + report);
        });
        assertTrue(report.contains("keptUntil -> Cinder DELETE arrived") && report.contains("in bursts of 10"), report);
    }

    @Test
    void halfTheInstantsAreDistinctAndHalfShareABurstInstant() {
        Instant base = Instant.parse("2030-01-01T00:00:00Z");
        assertEquals(base, ExpiryBenchmark.keptUntil(0, base));
        assertEquals(base.plusMillis(100), ExpiryBenchmark.keptUntil(2, base));
        assertEquals(ExpiryBenchmark.keptUntil(1, base), ExpiryBenchmark.keptUntil(19, base));
        assertEquals(ExpiryBenchmark.keptUntil(1, base).plusSeconds(1), ExpiryBenchmark.keptUntil(21, base));
    }
}
