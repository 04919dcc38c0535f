package dev.openstack.snapshots.operator.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openstack.snapshots.operator.api.SnapshotState;
import dev.openstack.snapshots.operator.cinder.CinderSnapshot;
import dev.openstack.snapshots.operator.cinder.OwnerTags;
import dev.openstack.snapshots.operator.cinder.TerminalCinderException;
import dev.openstack.snapshots.operator.cinder.TransientCinderException;
import dev.openstack.snapshots.operator.cloud.CloudConfigurationException;
import dev.openstack.snapshots.operator.status.Conditions;
import dev.openstack.snapshots.operator.status.Reason;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pure parts of the snapshot controller: state mapping, conditions, retention, spec diffing, failures. */
class SnapshotLogicTest {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);

    @Test
    void cinderStatusesMapToThePortalStates() {
        assertEquals(SnapshotState.Creating, Outcome.ofCinder("creating", false).state());
        assertEquals(SnapshotState.OK, Outcome.ofCinder("available", false).state());
        assertEquals(SnapshotState.UpdateScheduled, Outcome.ofCinder("available", true).state());
        assertEquals(new Outcome(SnapshotState.Erred, Reason.BackendError, "Cinder reports the snapshot in status error"),
                Outcome.ofCinder("error", false));
        assertEquals(SnapshotState.Deleting, Outcome.ofCinder("deleting", false).state());
        assertEquals(Reason.DeletionFailed, Outcome.ofCinder("error_deleting", false).reason());
        assertEquals(new Outcome(SnapshotState.Erred, Reason.NotFound, "Does not exist at backend"), Outcome.vanished());
    }

    @Test
    void conditionsFollowTheTableOfSection2() {
        Conditions conditions = new Conditions(clock);
        assertConditions(of(conditions, Outcome.progressing(SnapshotState.Creating, "m"), 1, List.of()),
                "False", "Progressing", "True", "Progressing");
        assertConditions(of(conditions, Outcome.ok(), 1, List.of()), "True", "Success", "False", "Success");
        assertConditions(of(conditions, Outcome.progressing(SnapshotState.Updating, "m"), 1, List.of()),
                "True", "Success", "True", "Progressing");
        assertConditions(of(conditions, Outcome.erred(Reason.InvalidConfiguration, "m"), 1, List.of()),
                "False", "InvalidConfiguration", "False", "InvalidConfiguration");
        assertConditions(of(conditions, Outcome.ofCinder("error_deleting", false), 1, List.of()),
                "False", "DeletionFailed", "False", "DeletionFailed");
        List<Condition> ok = of(conditions, Outcome.ok(), 1, List.of());
        assertConditions(conditions.retrying(ok, 2L, "503"), "True", "Success", "True", "TransientError");
    }

    @Test
    void lastTransitionTimeMovesOnlyWhenTheStatusFlips() {
        List<Condition> first = of(new Conditions(clock), Outcome.ok(), 1, List.of());
        Conditions later = new Conditions(Clock.offset(clock, Duration.ofHours(1)));
        List<Condition> same = of(later, Outcome.ok(), 2, first);
        assertEquals(T0.toString(), same.get(0).getLastTransitionTime());
        assertEquals(2L, same.get(0).getObservedGeneration());
        List<Condition> flipped = of(later, Outcome.erred(Reason.BackendError, "x"), 2, first);
        assertEquals(T0.plus(Duration.ofHours(1)).toString(), flipped.get(0).getLastTransitionTime());
    }

    @Test
    void retentionMathsUseTheInjectedClock() {
        Retention retention = new Retention(clock);
        Instant keptUntil = Retention.parse("2026-03-01T12:00:00+01:00").orElseThrow();
        assertEquals(Instant.parse("2026-03-01T11:00:00Z"), keptUntil);
        assertEquals(Duration.ofHours(1), retention.until(keptUntil));
        assertFalse(retention.hasPassed(keptUntil));
        assertTrue(retention.hasPassed(T0), "the instant itself counts as passed");
        assertEquals(Duration.ZERO, retention.until(T0.minusSeconds(5)));
        assertTrue(Retention.parse(null).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> Retention.parse("tomorrow"));
    }

    @Test
    void desiredSnapshotManagesOnlyWhatTheSpecSays() {
        CinderSnapshot actual = new CinderSnapshot("id", "n", null, "available", "v", 1,
                Map.of("a", "1", OwnerTags.UID, "u"), T0, T0);
        assertFalse(new DesiredSnapshot(null, null, null).differsFrom(actual), "absent fields are not managed");
        assertFalse(new DesiredSnapshot("n", "", Map.of("a", "1")).differsFrom(actual), "our tags are invisible");
        assertTrue(new DesiredSnapshot("m", null, null).differsFrom(actual));
        assertTrue(new DesiredSnapshot(null, "d", null).differsFrom(actual));
        DesiredSnapshot withMetadata = new DesiredSnapshot(null, null, Map.of("b", "2"));
        assertTrue(withMetadata.metadataDiffers(actual));
        assertEquals(Map.of("b", "2", OwnerTags.UID, "u"), withMetadata.metadataKeepingTagsOf(actual));
        assertEquals(Map.of("a", "1"), DesiredSnapshot.userMetadataOf(actual));
    }

    @Test
    void failuresAreClassifiedAsSection2Says() {
        assertEquals(Reason.InvalidConfiguration,
                FailureClassifier.terminal(new CloudConfigurationException("no cloud")).orElseThrow().reason());
        var badRequest = new TerminalCinderException("Invalid volume", 400, "req-1", null);
        assertEquals(new Outcome(SnapshotState.Erred, Reason.InvalidConfiguration, "Invalid volume (request req-1)"),
                FailureClassifier.terminal(badRequest).orElseThrow());
        assertEquals(Reason.BackendError, FailureClassifier.terminal(
                new TerminalCinderException("SnapshotLimitExceeded", 413, null, null)).orElseThrow().reason());
        assertTrue(FailureClassifier.terminal(new TransientCinderException("503", 503, null, null)).isEmpty());
        assertEquals("boom (req-9) x", FailureClassifier.messageOf(new TerminalCinderException("boom (req-9) x", 400, "req-9", null)));
    }

    /** The Ready and Progressing conditions of an outcome, as the snapshot's status builder sets them. */
    private static List<Condition> of(Conditions conditions, Outcome outcome, long generation, List<Condition> previous) {
        return conditions.with(previous, generation, SnapshotStatusBuilder.ready(outcome),
                SnapshotStatusBuilder.progressing(outcome));
    }

    private static void assertConditions(List<Condition> c, String ready, String readyReason, String progressing,
            String progressingReason) {
        assertEquals("Ready", c.get(0).getType());
        assertEquals(ready, c.get(0).getStatus());
        assertEquals(readyReason, c.get(0).getReason());
        assertEquals("Progressing", c.get(1).getType());
        assertEquals(progressing, c.get(1).getStatus());
        assertEquals(progressingReason, c.get(1).getReason());
    }
}
