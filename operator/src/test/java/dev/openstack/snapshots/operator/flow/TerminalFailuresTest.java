package dev.openstack.snapshots.operator.flow;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openstack.snapshots.operator.api.SnapshotRestoration;
import dev.openstack.snapshots.operator.api.SnapshotState;
import dev.openstack.snapshots.operator.status.Conditions;
import dev.openstack.snapshots.operator.status.Conditions.Wanted;
import dev.openstack.snapshots.operator.status.Reason;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one rule for both Cinder-backed kinds: a terminal failure sticks while its inputs are the inputs now. */
class TerminalFailuresTest {

    final SnapshotRestoration object = object(2L);

    static SnapshotRestoration object(long generation) {
        SnapshotRestoration r = new SnapshotRestoration();
        r.setMetadata(new ObjectMetaBuilder().withNamespace("ns").withName("o").withGeneration(generation).build());
        return r;
    }

    static List<Condition> ready(Reason reason) {
        return new Conditions(Clock.systemUTC()).with(null, 2L, Wanted.ready(false, reason, "m"));
    }

    @Test
    void statusTellsEveryProcessThatThisSpecFailed() {
        assertTrue(TerminalFailures.erredForThisSpec(object, SnapshotState.Erred, 2L, ready(Reason.InvalidConfiguration)));
        assertTrue(TerminalFailures.erredForThisSpec(object, SnapshotState.Erred, 2L, ready(Reason.BackendError)));
        assertFalse(TerminalFailures.erredForThisSpec(object, SnapshotState.Erred, 1L, ready(Reason.InvalidConfiguration)),
                "a new generation is tried");
        assertFalse(TerminalFailures.erredForThisSpec(object, SnapshotState.Creating, 2L, ready(Reason.Progressing)));
        assertFalse(TerminalFailures.erredForThisSpec(object, SnapshotState.Erred, 2L, ready(Reason.SnapshotFailed)),
                "waits for its snapshot, not for a spec change");
        assertFalse(TerminalFailures.erredForThisSpec(object, SnapshotState.Erred, 2L, ready(Reason.NotFound)));
        assertTrue(TerminalFailures.erredForThisSpec(object, SnapshotState.Erred, 2L, List.of()));
    }

    @Test
    void otherInputsStickOnlyAsRememberedAndARestartTriesOnceMore() {
        TerminalFailures failures = new TerminalFailures();
        List<Condition> refused = ready(Reason.InvalidConfiguration);
        assertFalse(failures.stillFailing(object, SnapshotState.Erred, 2L, refused, "secret-v1"),
                "nothing remembered (a restart): tried once more");
        failures.remember(ResourceID.fromResource(object), "secret-v1");
        assertTrue(failures.stillFailing(object, SnapshotState.Erred, 2L, refused, "secret-v1"));
        assertFalse(failures.stillFailing(object, SnapshotState.Erred, 2L, refused, "secret-v2"), "a fixed Secret is tried");
        assertFalse(failures.stillFailing(object(3L), SnapshotState.Erred, 2L, refused, "secret-v1"), "a new spec is tried");
        failures.forget(ResourceID.fromResource(object));
        assertFalse(failures.stillFailing(object, SnapshotState.Erred, 2L, refused, "secret-v1"));
    }
}
