package dev.openstack.snapshots.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the kill campaign's audit counts what Cinder holds against what Kubernetes still has. */
class KillAuditTest {

    private static final String SNAP = KillWorkload.SNAPSHOT;
    private static final String RESTORE = KillWorkload.RESTORATION;
    private static final Instant T = Instant.parse("2029-01-01T00:00:00Z");

    @Test
    void oneResourcePerLiveObjectIsClean() {
        KillAudit audit = KillAudit.of(
                Map.of("u1", live(SNAP, "snap-1", "u1", KillAudit.Expect.ONE), "r1", live(RESTORE, "restore-2", "r1", KillAudit.Expect.ONE)),
                Map.of(), inventory(Map.of("u1", List.of("s-a")), Map.of("r1", List.of("v-a"))));

        assertEquals(new KillAudit(0, 0, 0, List.of()), audit);
    }

    @Test
    void aSecondSnapshotOrVolumeOfALiveObjectIsADuplicate() {
        KillAudit audit = KillAudit.of(
                Map.of("u1", live(SNAP, "snap-1", "u1", KillAudit.Expect.ONE), "r1", live(RESTORE, "restore-2", "r1", KillAudit.Expect.ONE)),
                Map.of(), inventory(Map.of("u1", List.of("s-a", "s-b", "s-c")), Map.of("r1", List.of("v-a", "v-b"))));

        assertEquals(3, audit.duplicates());
        assertEquals(0, audit.leaks());
        assertTrue(audit.findings().contains("duplicate: OpenStackSnapshot snap-1 owns 3 Cinder snapshots [s-a, s-b, s-c]"), audit.findings().toString());
    }

    @Test
    void whatIsLeftOfGoneObjectsUntaggedOnesAndBornExpiredOnesIsLeaked() {
        Map<String, KillWorkload.Made> ledger = Map.of(
                "gone", new KillWorkload.Made(SNAP, "snap-7", "gone", null, null, T),
                "expired", new KillWorkload.Made(SNAP, "snap-8", "expired", Instant.parse("2030-01-01T00:00:00Z"), null, T),
                "r-gone", new KillWorkload.Made(RESTORE, "restore-9", "r-gone", null, "snap-7", T));
        CinderInventory cinder = new CinderInventory(
                Map.of("gone", List.of("s-1"), "expired", List.of("s-2"), "born", List.of("s-3")),
                Map.of("r-gone", List.of("v-1")), List.of("s-untagged"), List.of("v-untagged"), 0);

        KillAudit audit = KillAudit.of(Map.of("born", live(SNAP, "snap-10", "born", KillAudit.Expect.NONE)), ledger, cinder);

        assertEquals(6, audit.leaks());
        assertEquals(0, audit.duplicates());
        assertTrue(audit.findings().contains("leak: 1 Cinder snapshot [s-2] of OpenStackSnapshot snap-8 (expired)"), audit.findings().toString());
        assertTrue(audit.findings().contains("leak: 1 Cinder volume [v-1] of SnapshotRestoration restore-9 (deleted)"), audit.findings().toString());
    }

    @Test
    void aLiveObjectWithoutItsResourceIsLostUnlessItsSnapshotWentFirst() {
        KillAudit audit = KillAudit.of(Map.of(
                        "u1", live(SNAP, "snap-1", "u1", KillAudit.Expect.ONE),
                        "r1", live(RESTORE, "restore-2", "r1", KillAudit.Expect.ONE),
                        "r2", live(RESTORE, "restore-3", "r2", KillAudit.Expect.AT_MOST_ONE)),
                Map.of(), inventory(Map.of(), Map.of()));

        assertEquals(2, audit.lost());
        assertEquals(0, audit.leaks());
    }

    @Test
    void aVolumeOfTheWrongKindOfOwnerIsALeak() {
        // a volume tagged with a snapshot's uid: no restoration owns it
        KillAudit audit = KillAudit.of(Map.of("u1", live(SNAP, "snap-1", "u1", KillAudit.Expect.ONE)), Map.of(),
                inventory(Map.of("u1", List.of("s-a")), Map.of("u1", List.of("v-a"))));

        assertEquals(1, audit.leaks());
    }

    private static KillAudit.Live live(String kind, String name, String uid, KillAudit.Expect expect) {
        return new KillAudit.Live(kind, name, uid, expect);
    }

    private static CinderInventory inventory(Map<String, List<String>> snapshots, Map<String, List<String>> volumes) {
        return new CinderInventory(snapshots, volumes, List.of(), List.of(), 0);
    }
}
