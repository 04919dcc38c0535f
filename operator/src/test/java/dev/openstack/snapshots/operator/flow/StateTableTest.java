package dev.openstack.snapshots.operator.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.openstack.snapshots.operator.api.SnapshotState;
import dev.openstack.snapshots.operator.status.Reason;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ARCHITECTURE §2 as code: the one table of both Cinder-backed kinds. */
class StateTableTest {

    @ParameterizedTest
    @CsvSource({
            "creating, Creating, false, Progressing",
            "downloading, Creating, false, Progressing",
            "available, OK, true, Success",
            "in-use, OK, true, Success",
            "attaching, OK, true, Success",
            "error, Erred, false, BackendError",
            "error_extending, Erred, false, BackendError",
            "deleting, Deleting, false, Progressing",
            "error_deleting, Erred, false, DeletionFailed"})
    void cinderStatusesMapToTheRestorationsStateMachine(String cinder, SnapshotState state, boolean ready, Reason reason) {
        StateTable.Row phase = StateTable.volume(cinder);
        assertEquals(state, phase.state());
        assertEquals(ready, phase.ready());
        assertEquals(reason, phase.reason());
        assertEquals(state == SnapshotState.Creating || state == SnapshotState.Deleting, phase.progressing());
    }

    @ParameterizedTest
    @CsvSource({
            "creating, false, Creating, Progressing, false, true",
            "available, false, OK, Success, true, false",
            "available, true, UpdateScheduled, Progressing, true, true",
            "error, false, Erred, BackendError, false, false",
            "deleting, false, Deleting, Progressing, false, true",
            "error_deleting, false, Erred, DeletionFailed, false, false",
            "backing-up, false, Updating, Progressing, true, true"})
    void cinderStatusesMapToTheSnapshotsStateMachine(String cinder, boolean specPending, SnapshotState state,
            Reason reason, boolean ready, boolean progressing) {
        StateTable.Row row = StateTable.snapshot(cinder, specPending);
        assertEquals(state, row.state());
        assertEquals(reason, row.reason());
        assertEquals(ready, row.ready());
        assertEquals(progressing, row.progressing());
    }
}
