package dev.openstack.snapshots.operator.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.openstack.snapshots.operator.status.Conditions.Wanted;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one conditions helper of all three kinds. */
class ConditionsTest {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final Instant T1 = T0.plus(Duration.ofHours(1));
    final Conditions atT0 = new Conditions(Clock.fixed(T0, ZoneOffset.UTC));
    final Conditions atT1 = new Conditions(Clock.fixed(T1, ZoneOffset.UTC));

    @Test
    void readyComesFirstThenProgressingEachWithTheGeneration() {
        List<Condition> c = atT0.with(null, 3L, Wanted.progressing(true, Reason.Progressing, "m"),
                Wanted.ready(false, Reason.Progressing, "m"));
        assertEquals(List.of("Ready", "Progressing"), c.stream().map(Condition::getType).toList());
        assertEquals(3L, c.get(0).getObservedGeneration());
        assertEquals(3L, c.get(1).getObservedGeneration());
        assertEquals("Progressing", c.get(1).getReason());
        assertEquals(T0.toString(), c.get(0).getLastTransitionTime());
    }

    @Test
    void lastTransitionTimeMovesOnlyWhenTheStatusFlips() {
        List<Condition> first = atT0.with(null, 1L, Wanted.ready(true, Reason.Success, ""));
        List<Condition> sameStatusOtherReason = atT1.with(first, 2L, Wanted.ready(true, Reason.Scheduled, "x"));
        assertEquals(T0.toString(), sameStatusOtherReason.get(0).getLastTransitionTime());
        assertEquals("Scheduled", sameStatusOtherReason.get(0).getReason());
        assertEquals(2L, sameStatusOtherReason.get(0).getObservedGeneration());
        List<Condition> flipped = atT1.with(first, 2L, Wanted.ready(false, Reason.BackendError, "x"));
        assertEquals(T1.toString(), flipped.get(0).getLastTransitionTime());
        List<Condition> unknown = atT1.with(first, 2L, Wanted.readyUnknown(Reason.TransientError, "x"));
        assertEquals("Unknown", unknown.get(0).getStatus());
        assertEquals(T1.toString(), unknown.get(0).getLastTransitionTime());
    }

    @Test
    void theInputIsNeverChangedAndOtherConditionsStay() {
        Condition other = new ConditionBuilder().withType("Other").withStatus("True").withReason("Mine").build();
        List<Condition> previous = atT0.with(List.of(other), 1L, Wanted.ready(true, Reason.Success, "ok"));
        Condition readyBefore = previous.get(0);
        List<Condition> next = atT1.with(previous, 2L, Wanted.ready(false, Reason.NotFound, "gone"));
        assertEquals(List.of("Ready", "Other"), next.stream().map(Condition::getType).toList());
        assertSame(readyBefore, previous.get(0));
        assertEquals("True", previous.get(0).getStatus());
    }

    @Test
    void aRetryKeepsReadyAsItWasAndSaysTransientErrorOnProgressing() {
        List<Condition> ok = atT0.with(null, 1L, Wanted.ready(true, Reason.Success, ""),
                Wanted.progressing(false, Reason.Success, ""));
        List<Condition> retrying = atT1.retrying(ok, 2L, "503");
        assertEquals(ok.get(0), retrying.get(0), "Ready untouched, generation included");
        assertEquals("True", retrying.get(1).getStatus());
        assertEquals("TransientError", retrying.get(1).getReason());
        List<Condition> fresh = atT1.retrying(null, 1L, "503");
        assertEquals("False", fresh.get(0).getStatus());
        assertEquals("TransientError", fresh.get(0).getReason());
    }

    @Test
    void reasonsAreTheNamesUsersSee() {
        // asserted by tests and docs of every kind: a renamed constant would change the API
        assertEquals(List.of("Progressing", "Success", "BackendError", "InvalidConfiguration", "TransientError",
                "NotFound", "Expired", "DeletionFailed", "RestorationInProgress", "WaitingForSnapshot",
                "WaitingForBinding", "SnapshotFailed", "Scheduled", "Suspended"),
                java.util.Arrays.stream(Reason.values()).map(Enum::name).toList());
    }
}
