package dev.openstack.snapshots.operator.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openstack.snapshots.operator.api.DeletionPolicy;
import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.SnapshotState;
import dev.openstack.snapshots.operator.testing.OperatorHarness;
import io.fabric8.kubernetes.api.model.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 5 section 5, retention: keptUntil fires on time (not before), follows edits and removal, catches up after
 * downtime, and takes Erred snapshots too, through the mock Kubernetes API and the simulator with a test clock. The
 * clock is held just before keptUntil while a test sets things up, so the operator's own timer meets keptUntil a
 * fraction of a second after the test lets the clock run, instead of after seconds of margin in real time.
 */
class KeptUntilExpiryIT {

    static final OperatorHarness h = OperatorHarness.start();
    /**
     * How far ahead of the held test clock a keptUntil is set: the remainder the operator's timer re-arms for while the
     * clock is held, and about what a test waits in real time once it runs again.
     */
    static final Duration AHEAD = Duration.ofMillis(500);
    /** An expiry comes this many slow poll intervals after keptUntil at the latest (see the last test). */
    static final int EXPIRY_BOUND_IN_SLOW_POLLS = 5;

    @BeforeAll
    static void unlimitedSnapshots() {
        h.simulator().controls().setQuotas(Map.of("snapshots", -1));
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    private OpenStackSnapshot expiring(String ns, String name, String volume, Instant keptUntil) {
        OpenStackSnapshot s = h.snapshotOf(ns, name, volume);
        s.getSpec().setKeptUntil(keptUntil == null ? null : keptUntil.toString());
        return h.create(s);
    }

    /**
     * Still there and OK for a second of real time while the held clock stands before keptUntil: the operator's timer,
     * re-armed for the remainder each time, fires and re-checks a few times in that second without expiring anything.
     */
    private static void stillThereWhileHeld(String ns, String name) {
        OperatorHarness.waiting().during(Duration.ofSeconds(1))
                .until(() -> h.get(ns, name) != null && h.get(ns, name).getStatus().getState() == SnapshotState.OK);
    }

    /** Stands the test clock at its present reading (until {@link #resumeClock()}) and returns that instant. */
    private static Instant holdClock() {
        return h.clock().hold();
    }

    /** A test that failed while the clock was held must not leave it held for the next one. */
    @AfterEach
    void resumeClock() {
        h.clock().resume();
    }

    private static Instant expiredEventTime(String ns, String name) {
        return h.events(ns, name).stream().filter(e -> "Expired".equals(e.getReason())).map(Event::getFirstTimestamp)
                .map(Instant::parse).findFirst().orElseThrow(() -> new AssertionError("no Expired event for " + name));
    }

    @Test
    void expiresOnTimeAndNotBefore() {
        String ns = h.newNamespace();
        String volume = h.admin().createVolume("on-time", 1);
        // The clock stands just before keptUntil while the snapshot is made, however long that takes.
        Instant keptUntil = holdClock().plus(AHEAD);
        expiring(ns, "s", volume, keptUntil);
        String id = h.awaitState(ns, "s", SnapshotState.OK).getStatus().getBackendID();
        assertEquals(keptUntil.toString(), h.get(ns, "s").getStatus().getKeptUntil(), "status shows the retention in force");

        stillThereWhileHeld(ns, "s");
        h.clock().resume();
        h.awaitGone(ns, "s");
        assertTrue(h.cinder().snapshots().get(id).isEmpty(), "deleted in Cinder");
        assertFalse(expiredEventTime(ns, "s").isBefore(keptUntil), "never before keptUntil");
    }

    @Test
    void anEditedExpiryMovesTheTimer() {
        String ns = h.newNamespace();
        String volume = h.admin().createVolume("moved", 1);
        expiring(ns, "s", volume, h.clock().instant().plus(Duration.ofHours(1)));
        h.awaitState(ns, "s", SnapshotState.OK);
        Instant now = holdClock();
        Instant first = now.plus(AHEAD);
        setKeptUntil(ns, first);
        h.await(ns, "s", o -> first.toString().equals(o.getStatus().getKeptUntil()));
        Instant later = first.plus(AHEAD);
        setKeptUntil(ns, later);
        h.await(ns, "s", o -> later.toString().equals(o.getStatus().getKeptUntil()));

        h.clock().advance(Duration.between(now, first).plus(AHEAD.dividedBy(2)));
        stillThereWhileHeld(ns, "s");
        h.clock().resume();
        h.awaitGone(ns, "s");
        assertFalse(expiredEventTime(ns, "s").isBefore(later), "expired at the edited time, not the first one");
        assertEquals(0, h.cinderSnapshotsOfVolume(volume).size());
    }

    private static void setKeptUntil(String ns, Instant keptUntil) {
        h.edit(ns, "s", o -> {
            o.getSpec().setKeptUntil(keptUntil == null ? null : keptUntil.toString());
            return o;
        });
    }

    @Test
    void aRemovedExpiryKeepsTheSnapshot() {
        String ns = h.newNamespace();
        String volume = h.admin().createVolume("kept", 1);
        expiring(ns, "s", volume, h.clock().instant().plus(Duration.ofHours(1)));
        h.awaitState(ns, "s", SnapshotState.OK);
        Instant keptUntil = holdClock().plus(AHEAD);
        setKeptUntil(ns, keptUntil);
        h.await(ns, "s", o -> keptUntil.toString().equals(o.getStatus().getKeptUntil()));
        setKeptUntil(ns, null);
        h.await(ns, "s", o -> o.getStatus().getKeptUntil() == null);
        h.clock().advance(AHEAD.multipliedBy(2));
        stillThereWhileHeld(ns, "s");
        h.clock().resume();
        assertEquals(1, h.cinderSnapshotsOfVolume(volume).size());
    }

    @Test
    void anExpiryThatPassesWhileTheOperatorIsDownHappensAtStart() {
        String ns = h.newNamespace();
        String volume = h.admin().createVolume("downtime", 1);
        Instant keptUntil = h.clock().instant().plus(Duration.ofHours(1));
        expiring(ns, "s", volume, keptUntil);
        String id = h.awaitState(ns, "s", SnapshotState.OK).getStatus().getBackendID();
        h.stopOperator();
        h.clock().advance(Duration.ofHours(2));
        h.startOperator();
        h.awaitGone(ns, "s");
        assertTrue(h.cinder().snapshots().get(id).isEmpty());
        assertTrue(h.eventReasons(ns, "s").contains("Expired"));
    }

    @Test
    void anErredSnapshotExpiresAndGoesFromCinder() {
        String ns = h.newNamespace();
        String volume = h.admin().createVolume("erred", 1);
        expiring(ns, "s", volume, h.clock().instant().plus(Duration.ofHours(1)));
        String id = h.awaitState(ns, "s", SnapshotState.OK).getStatus().getBackendID();
        h.admin().resetSnapshotStatus(id, "error");
        h.awaitState(ns, "s", SnapshotState.Erred);
        setKeptUntil(ns, h.clock().instant().plus(AHEAD));
        h.awaitGone(ns, "s");
        assertTrue(h.cinder().snapshots().get(id).isEmpty(), "the Cinder snapshot in error is deleted too");
    }

    @Test
    void anErredSnapshotThatNeverReachedCinderExpiresToo() {
        // What a schedule leaves behind when Cinder refused a slot (quota, missing volume): its object must not pile up.
        String ns = h.newNamespace();
        expiring(ns, "s", "0b7c1e9a-0000-4000-8000-000000000000", h.clock().instant().plus(Duration.ofHours(1)));
        h.awaitState(ns, "s", SnapshotState.Erred);
        setKeptUntil(ns, h.clock().instant().plus(AHEAD));
        h.awaitGone(ns, "s");
    }

    @Test
    void retainOnAnExpiredSnapshotForgetsItWithoutDeletingInCinder() {
        String ns = h.newNamespace();
        String volume = h.admin().createVolume("retained", 1);
        OpenStackSnapshot s = h.snapshotOf(ns, "s", volume);
        s.getSpec().setKeptUntil(h.clock().instant().plus(Duration.ofHours(1)).toString());
        s.getSpec().setDeletionPolicy(DeletionPolicy.Retain);
        h.create(s);
        String id = h.awaitState(ns, "s", SnapshotState.OK).getStatus().getBackendID();
        setKeptUntil(ns, h.clock().instant().plus(AHEAD));
        h.awaitGone(ns, "s");
        assertEquals("available", h.cinder().snapshots().get(id).orElseThrow().status());
    }

    /**
     * Ten snapshots with one keptUntil: each is deleted, in Kubernetes and in Cinder, by its own timer, never before
     * keptUntil and within a few poll intervals after it. The bound is about correctness, not speed: an expiry that
     * waited for the resync ({@code RESYNC_INTERVAL}, minutes) or for a later event instead of its timer breaks it; it
     * is generous because the machine is shared. (How fast expiry is at scale is the sandbox's expiry benchmark.)
     */
    @Test
    void manySnapshotsExpireEachByItsOwnTimerWithinAFewPollIntervals() {
        String ns = h.newNamespace();
        String volume = h.admin().createVolume("many", 1);
        int count = 10;
        Instant keptUntil = holdClock().plus(AHEAD);
        for (int i = 0; i < count; i++) {
            expiring(ns, "s" + i, volume, keptUntil);
        }
        for (int i = 0; i < count; i++) {
            h.awaitState(ns, "s" + i, SnapshotState.OK);
        }
        h.clock().resume();
        OperatorHarness.waiting().until(() -> h.cinderSnapshotsOfVolume(volume).isEmpty());
        Duration bound = OperatorHarness.TEST_SETTINGS.slowPollInterval().multipliedBy(EXPIRY_BOUND_IN_SLOW_POLLS);
        assertTrue(bound.compareTo(OperatorHarness.TEST_SETTINGS.resyncInterval()) < 0,
                "the bound tells a timer from the resync");
        List<Long> latencies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            h.awaitGone(ns, "s" + i);
            Instant expired = expiredEventTime(ns, "s" + i);
            assertFalse(expired.isBefore(keptUntil), "s" + i + " expired early");
            assertFalse(expired.isAfter(keptUntil.plus(bound)), "s" + i + " expired at " + expired + ", more than "
                    + EXPIRY_BOUND_IN_SLOW_POLLS + " slow poll intervals (" + bound + ") after keptUntil " + keptUntil);
            latencies.add(Duration.between(keptUntil, expired).toMillis());
        }
        latencies.sort(Long::compare);
        System.out.println("expiry latency ms over " + count + " snapshots (keptUntil -> Expired event): min "
                + latencies.get(0) + ", median " + latencies.get(count / 2) + ", max " + latencies.get(count - 1));
    }
}
