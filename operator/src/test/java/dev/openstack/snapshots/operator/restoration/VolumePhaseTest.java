package dev.openstack.snapshots.operator.restoration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.openstack.snapshots.operator.api.SnapshotState;
import dev.openstack.snapshots.operator.status.Reason;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VolumePhaseTest {

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
        VolumePhase phase = VolumePhase.of(cinder);
        assertEquals(state, phase.state());
        assertEquals(ready, phase.ready());
        assertEquals(reason, phase.reason());
    }
}
