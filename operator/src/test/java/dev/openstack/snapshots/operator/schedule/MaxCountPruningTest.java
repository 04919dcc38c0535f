package dev.openstack.snapshots.operator.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.openstack.snapshots.operator.schedule.ScheduledChild.Phase;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MaxCountPruningTest {

    private static final ScheduleSource PG = ScheduleSource.persistentVolumeClaim("pg");
    private static final ScheduleSource WEB = ScheduleSource.persistentVolumeClaim("web");

    private static ScheduledChild child(ScheduleSource source, int hour, Phase phase) {
        return child(source, hour, phase, false);
    }

    private static ScheduledChild child(ScheduleSource source, int hour, Phase phase, boolean deleting) {
        Instant slot = Instant.parse("2025-06-01T00:00:00Z").plusSeconds(3600L * hour);
        return new ScheduledChild("s-" + source.value() + "-" + hour, source, slot, phase, null, deleting);
    }

    private static List<String> names(List<ScheduledChild> children) {
        return children.stream().map(ScheduledChild::name).toList();
    }

    @Test
    void deletesTheOldestReadyBeyondMaxCountPerSource() {
        List<ScheduledChild> children = List.of(
                child(PG, 3, Phase.READY), child(PG, 1, Phase.READY), child(PG, 2, Phase.READY),
                child(WEB, 1, Phase.READY), child(WEB, 2, Phase.READY));
        assertEquals(List.of("s-pg-1"), names(MaxCountPruning.select(children, 2)));
        assertEquals(List.of("s-pg-1", "s-web-1", "s-pg-2"), names(MaxCountPruning.select(children, 1)));
    }

    @Test
    void neverTouchesOrCountsSnapshotsThatAreNotReady() {
        List<ScheduledChild> children = List.of(
                child(PG, 1, Phase.ERRED), child(PG, 2, Phase.READY), child(PG, 3, Phase.PENDING),
                child(PG, 4, Phase.PENDING));
        assertEquals(List.of(), names(MaxCountPruning.select(children, 1)));
    }

    @Test
    void keepsTheLastReadyOfASourceEvenIfNewerOnesAreFailing() {
        List<ScheduledChild> children = List.of(
                child(PG, 1, Phase.READY), child(PG, 2, Phase.READY), child(PG, 3, Phase.ERRED),
                child(PG, 4, Phase.ERRED));
        assertEquals(List.of("s-pg-1"), names(MaxCountPruning.select(children, 1)));
    }

    @Test
    void snapshotsAlreadyBeingDeletedAreNotCountedAgain() {
        List<ScheduledChild> children = List.of(
                child(PG, 1, Phase.READY, true), child(PG, 2, Phase.READY), child(PG, 3, Phase.READY));
        assertEquals(List.of("s-pg-2"), names(MaxCountPruning.select(children, 1)));
        assertEquals(List.of(), names(MaxCountPruning.select(children, 2)));
    }

    @Test
    void maxCountBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> MaxCountPruning.select(List.of(), 0));
    }
}
