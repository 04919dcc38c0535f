package dev.openstack.snapshots.operator.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.openstack.snapshots.operator.api.SnapshotState;
import dev.openstack.snapshots.operator.cinder.CinderSnapshot;
import dev.openstack.snapshots.operator.observation.Observed;
import dev.openstack.snapshots.operator.status.Reason;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The snapshot's decision, from a table of facts (the pattern of RestorationStepTest). */
class SnapshotStepTest {

    static final Instant KEPT_UNTIL = Instant.parse("2026-03-01T10:00:00Z");
    static final Optional<String> NO_TROUBLE = Optional.empty();
    static final Optional<String> TROUBLE = Optional.of("Cinder listing failing since T: 503");

    static CinderSnapshot cinder(String status) {
        return new CinderSnapshot("snap-1", "n", "", status, "vol-1", 1, Map.of(), KEPT_UNTIL, KEPT_UNTIL);
    }

    static SnapshotStep.Facts facts(Instant expiredAt, boolean stillFailing, String linkedId, boolean pulling,
            Observed<CinderSnapshot> seen, boolean differs, Optional<String> trouble) {
        return new SnapshotStep.Facts(expiredAt, stillFailing, linkedId, pulling, seen, differs, trouble);
    }

    static Stream<Arguments> table() {
        CinderSnapshot available = cinder("available");
        return Stream.of(
                Arguments.of("expired wins over everything, failed or not",
                        facts(KEPT_UNTIL, true, null, false, null, false, NO_TROUBLE), new SnapshotStep.Expire(KEPT_UNTIL)),
                Arguments.of("a terminal failure on the same inputs calls nothing",
                        facts(null, true, "snap-1", true, null, false, NO_TROUBLE), new SnapshotStep.StayFailed()),
                Arguments.of("no backend id: adopt or create",
                        facts(null, false, null, false, null, false, NO_TROUBLE), new SnapshotStep.Link()),
                Arguments.of("linked: observe through the poller",
                        facts(null, false, "snap-1", false, null, false, NO_TROUBLE), new SnapshotStep.Observe("snap-1", false)),
                Arguments.of("a pull reads Cinder directly",
                        facts(null, false, "snap-1", true, null, false, NO_TROUBLE), new SnapshotStep.Observe("snap-1", true)),
                Arguments.of("not listed yet: wait for the poller",
                        facts(null, false, "snap-1", false, Observed.unknown(), false, NO_TROUBLE),
                        new SnapshotStep.AwaitListing(NO_TROUBLE)),
                Arguments.of("not listed because listings fail: say so",
                        facts(null, false, "snap-1", false, Observed.unknown(), false, TROUBLE),
                        new SnapshotStep.AwaitListing(TROUBLE)),
                Arguments.of("gone behind our back: NotFound",
                        facts(null, false, "snap-1", false, Observed.absent(), false, NO_TROUBLE),
                        new SnapshotStep.Record(Outcome.erred(Reason.NotFound, Outcome.NOT_FOUND_MESSAGE), null)),
                Arguments.of("gone is terminal, even while listings fail",
                        facts(null, false, "snap-1", false, Observed.absent(), false, TROUBLE),
                        new SnapshotStep.Record(Outcome.erred(Reason.NotFound, Outcome.NOT_FOUND_MESSAGE), null)),
                Arguments.of("available and as specified: OK",
                        facts(null, false, "snap-1", false, Observed.present(available), false, NO_TROUBLE),
                        new SnapshotStep.Record(Outcome.ok(), available)),
                Arguments.of("available and the spec differs: push",
                        facts(null, false, "snap-1", false, Observed.present(available), true, NO_TROUBLE),
                        new SnapshotStep.Push(available)),
                Arguments.of("available but listings fail: Ready Unknown, the state kept",
                        facts(null, false, "snap-1", false, Observed.present(available), false, TROUBLE),
                        new SnapshotStep.Record(Outcome.unobserved(SnapshotState.OK, TROUBLE.get()), available)),
                Arguments.of("Cinder error: BackendError",
                        facts(null, false, "snap-1", false, Observed.present(cinder("error")), false, NO_TROUBLE),
                        new SnapshotStep.Record(Outcome.erred(Reason.BackendError,
                                "Cinder reports the snapshot in status error"), cinder("error"))),
                Arguments.of("a spec change is not pushed while Cinder is still creating",
                        facts(null, false, "snap-1", false, Observed.present(cinder("creating")), true, NO_TROUBLE),
                        new SnapshotStep.Record(Outcome.progressing(SnapshotState.Creating, "Cinder is creating the snapshot"),
                                cinder("creating"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void decides(String situation, SnapshotStep.Facts facts, SnapshotStep expected) {
        assertEquals(expected, SnapshotStep.decide(facts), situation);
    }
}
