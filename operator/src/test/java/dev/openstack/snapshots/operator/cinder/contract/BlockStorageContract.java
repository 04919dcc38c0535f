package dev.openstack.snapshots.operator.cinder.contract;

import dev.openstack.snapshots.operator.testing.admin.CinderAdmin;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.openstack.snapshots.operator.cinder.BlockStorage;
import dev.openstack.snapshots.operator.cinder.CinderSnapshot;
import dev.openstack.snapshots.operator.cinder.CinderVolume;
import dev.openstack.snapshots.operator.cinder.DeleteOutcome;
import dev.openstack.snapshots.operator.cinder.NewSnapshot;
import dev.openstack.snapshots.operator.cinder.NewVolume;
import dev.openstack.snapshots.operator.cinder.Page;
import dev.openstack.snapshots.operator.cinder.TerminalCinderException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link BlockStorage} must show, driven through the port against a target given by
 * a subclass: the simulator in {@code mvn verify}, real Cinder in the e2e run. Only things real Cinder
 * does too are asserted here; simulator-only checks (fault injection) live in the subclass. Every
 * resource is named with a per-test prefix and removed afterwards, so a shared cloud can be used.
 */
public abstract class BlockStorageContract {

    protected static final Duration SETTLE = Duration.ofSeconds(60);

    protected ContractTarget target;
    protected BlockStorage cinder;
    protected CinderAdmin admin;
    protected String prefix;
    private final Deque<Runnable> cleanups = new ArrayDeque<>();

    /** The target to test; called before each test. */
    protected abstract ContractTarget target();

    @BeforeEach
    void connect() {
        target = target();
        cinder = target.blockStorage();
        admin = target.admin();
        prefix = "contract-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    }

    @AfterEach
    void cleanUp() {
        while (!cleanups.isEmpty()) {
            try {
                cleanups.pop().run();
            } catch (RuntimeException e) {
                System.err.println("contract cleanup: " + e.getMessage());
            }
        }
    }

    // ---------------------------------------------------------------- snapshots

    @Test
    void snapshotLifecycleThroughThePort() {
        String volume = availableVolume("src", 1);
        Map<String, String> tags = Map.of("k8s-owner-uid", prefix + "uid", "team", "storage");
        CinderSnapshot created = cinder.snapshots().create(new NewSnapshot(volume, prefix + "snap", "nightly, kept 7 days", false, tags));
        track(created);
        assertEquals(volume, created.volumeId());
        assertEquals(prefix + "snap", created.name());
        // The description reaches Cinder (openstack4j's create would send display_description and get a 400).
        assertEquals("nightly, kept 7 days", created.description());
        assertEquals(tags, created.metadata());

        CinderSnapshot available = awaitSnapshotStatus(created.id(), "available");
        assertEquals(1, available.sizeGiB());
        assertEquals("nightly, kept 7 days", available.description());
        assertTrue(available.createdAt() != null);

        CinderSnapshot renamed = cinder.snapshots().update(created.id(), prefix + "renamed", "new text");
        assertEquals(prefix + "renamed", renamed.name());
        assertEquals("new text", cinder.snapshots().get(created.id()).orElseThrow().description());

        Map<String, String> replaced = cinder.snapshots().replaceMetadata(created.id(), Map.of("k8s-owner-uid", prefix + "uid", "only", "this"));
        assertEquals(Map.of("k8s-owner-uid", prefix + "uid", "only", "this"), replaced);
        assertEquals(replaced, cinder.snapshots().get(created.id()).orElseThrow().metadata());

        assertEquals(Set.of(created.id()), ids(cinder.snapshots().findByMetadata("k8s-owner-uid", prefix + "uid")));
        assertTrue(cinder.snapshots().findByMetadata("k8s-owner-uid", prefix + "nobody").isEmpty());

        assertEquals(DeleteOutcome.DELETING, cinder.snapshots().delete(created.id()));
        await().atMost(SETTLE).pollInterval(Duration.ofMillis(50)).until(() -> cinder.snapshots().get(created.id()).isEmpty());
        assertEquals(DeleteOutcome.ALREADY_GONE, cinder.snapshots().delete(created.id()));
    }

    @Test
    void snapshotWithoutDescriptionKeepsNone() {
        String volume = availableVolume("src", 1);
        CinderSnapshot created = track(cinder.snapshots().create(new NewSnapshot(volume, prefix + "plain", null, false, Map.of())));
        assertNull(awaitSnapshotStatus(created.id(), "available").description());
    }

    @Test
    void listingPagesWithMarkerReachesEverySnapshot() {
        String volume = availableVolume("src", 1);
        Set<String> ours = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            ours.add(track(cinder.snapshots().create(new NewSnapshot(volume, prefix + "page-" + i, null, false, Map.of()))).id());
        }
        Set<String> seen = new HashSet<>();
        String marker = null;
        int pages = 0;
        do {
            Page<CinderSnapshot> page = cinder.snapshots().list(marker, 2);
            assertTrue(page.items().size() <= 2);
            page.items().forEach(s -> assertTrue(seen.add(s.id()), "snapshot listed twice: " + s.id()));
            marker = page.nextMarker();
            pages++;
        } while (marker != null && pages < 10_000);
        assertTrue(seen.containsAll(ours), "paging missed some of " + ours);
        assertTrue(pages >= 2);
    }

    @Test
    void missingSnapshotIsAnAnswerNotAnError() {
        String missing = UUID.randomUUID().toString();
        assertTrue(cinder.snapshots().get(missing).isEmpty());
        assertEquals(DeleteOutcome.ALREADY_GONE, cinder.snapshots().delete(missing));
        TerminalCinderException e = assertThrows(TerminalCinderException.class, () -> cinder.snapshots().update(missing, "x", "y"));
        assertEquals(404, e.httpStatus());
    }

    @Test
    void snapshotOfAnInUseVolumeNeedsForce() {
        String volume = availableVolume("attached", 1);
        admin.attach(volume);
        cleanups.push(() -> admin.detach(volume));
        await().atMost(SETTLE).until(() -> "in-use".equals(admin.volumeStatus(volume)));

        TerminalCinderException refused = assertThrows(TerminalCinderException.class,
                () -> cinder.snapshots().create(new NewSnapshot(volume, prefix + "no-force", null, false, Map.of())));
        assertEquals(400, refused.httpStatus());
        assertTrue(refused.getMessage().contains("status must be available, but current status is: in-use"), refused.getMessage());
        assertTrue(refused.getMessage().contains("(HTTP 400"), refused.getMessage());

        CinderSnapshot forced = track(cinder.snapshots().create(new NewSnapshot(volume, prefix + "forced", null, true, Map.of())));
        awaitSnapshotStatus(forced.id(), "available");
    }

    @Test
    void snapshotOfAMissingVolumeIsTerminal404() {
        String missing = UUID.randomUUID().toString();
        TerminalCinderException e = assertThrows(TerminalCinderException.class,
                () -> cinder.snapshots().create(new NewSnapshot(missing, prefix + "orphan", "d", false, Map.of())));
        assertEquals(404, e.httpStatus());
        assertTrue(e.getMessage().contains("Volume " + missing + " could not be found."), e.getMessage());
    }

    @Test
    void deletingASnapshotThatIsStillCreatingIsRefused() {
        String volume = availableVolume("src", 1);
        CinderSnapshot created = track(cinder.snapshots().create(new NewSnapshot(volume, prefix + "busy", null, false, Map.of())));
        awaitSnapshotStatus(created.id(), "available");
        // Pin the transitional state (Cinder's own transition is too quick to race reliably).
        admin.resetSnapshotStatus(created.id(), "creating");
        TerminalCinderException e = assertThrows(TerminalCinderException.class, () -> cinder.snapshots().delete(created.id()));
        assertEquals(400, e.httpStatus());
        assertTrue(e.getMessage().contains("Snapshot status must be available or error"), e.getMessage());
        admin.resetSnapshotStatus(created.id(), "available");
    }

    @Test
    void anErroredSnapshotShowsErrorAndCanBeDeleted() {
        String volume = availableVolume("src", 1);
        CinderSnapshot created = track(cinder.snapshots().create(new NewSnapshot(volume, prefix + "err", null, false, Map.of())));
        awaitSnapshotStatus(created.id(), "available");
        admin.resetSnapshotStatus(created.id(), "error");
        assertEquals("error", cinder.snapshots().get(created.id()).orElseThrow().status());
        assertEquals(DeleteOutcome.DELETING, cinder.snapshots().delete(created.id()));
        await().atMost(SETTLE).until(() -> cinder.snapshots().get(created.id()).isEmpty());
    }

    @Test
    void exceedingTheSnapshotQuotaIsTerminal413() {
        assumeTrue(target.mutatesQuotas(), "target does not allow quota changes");
        String volume = availableVolume("src", 1);
        int[] quota = admin.snapshotQuota();
        admin.setSnapshotQuota(quota[1]);
        cleanups.push(() -> admin.setSnapshotQuota(quota[0]));
        TerminalCinderException e = assertThrows(TerminalCinderException.class,
                () -> track(cinder.snapshots().create(new NewSnapshot(volume, prefix + "over", null, false, Map.of()))));
        assertEquals(413, e.httpStatus());
        assertTrue(e.getMessage().contains("SnapshotLimitExceeded"), e.getMessage());
    }

    // ---------------------------------------------------------------- volumes

    @Test
    void volumeFromSnapshotLifecycle() {
        String source = availableVolume("src", 1);
        CinderSnapshot snapshot = track(cinder.snapshots().create(new NewSnapshot(source, prefix + "snap", null, false, Map.of())));
        awaitSnapshotStatus(snapshot.id(), "available");

        CinderVolume restored = track(cinder.volumes().createFromSnapshot(new NewVolume(snapshot.id(), prefix + "restored",
                "restored by contract", null, null, null, Map.of("k8s-owner-uid", prefix + "restore"))));
        assertEquals(snapshot.id(), restored.snapshotId());
        CinderVolume available = awaitVolumeStatus(restored.id(), "available");
        assertEquals(1, available.sizeGiB());
        assertEquals("restored by contract", available.description());
        assertTrue(available.devices().isEmpty());

        assertEquals(Set.of(restored.id()), volumeIds(cinder.volumes().findByName(prefix + "restored")));
        assertTrue(cinder.volumes().findByName(prefix + "nothing").isEmpty());
        assertEquals(Set.of(restored.id()), volumeIds(cinder.volumes().findByMetadata("k8s-owner-uid", prefix + "restore")));

        Page<CinderVolume> first = cinder.volumes().list(null, 1);
        assertEquals(1, first.items().size());

        assertEquals(DeleteOutcome.DELETING, cinder.volumes().delete(restored.id()));
        await().atMost(SETTLE).pollInterval(Duration.ofMillis(50)).until(() -> cinder.volumes().get(restored.id()).isEmpty());
        assertEquals(DeleteOutcome.ALREADY_GONE, cinder.volumes().delete(restored.id()));
    }

    @Test
    void restoringSmallerThanTheSnapshotIsTerminal400() {
        String source = availableVolume("big", 2);
        CinderSnapshot snapshot = track(cinder.snapshots().create(new NewSnapshot(source, prefix + "snap", null, false, Map.of())));
        awaitSnapshotStatus(snapshot.id(), "available");
        TerminalCinderException e = assertThrows(TerminalCinderException.class, () -> track(cinder.volumes()
                .createFromSnapshot(new NewVolume(snapshot.id(), prefix + "small", null, 1, null, null, Map.of()))));
        assertEquals(400, e.httpStatus());
    }

    @Test
    void restoringFromAMissingSnapshotIsTerminal404() {
        String missing = UUID.randomUUID().toString();
        TerminalCinderException e = assertThrows(TerminalCinderException.class, () -> track(cinder.volumes()
                .createFromSnapshot(new NewVolume(missing, prefix + "nothing", null, null, null, null, Map.of()))));
        assertEquals(404, e.httpStatus());
        assertTrue(e.getMessage().contains(missing), e.getMessage());
    }

    @Test
    void missingVolumeIsAnAnswerNotAnError() {
        String missing = UUID.randomUUID().toString();
        assertTrue(cinder.volumes().get(missing).isEmpty());
        assertEquals(DeleteOutcome.ALREADY_GONE, cinder.volumes().delete(missing));
    }

    @Test
    void deletingAVolumeWithSnapshotsIsRefused() {
        String source = availableVolume("src", 1);
        CinderSnapshot snapshot = track(cinder.snapshots().create(new NewSnapshot(source, prefix + "dep", null, false, Map.of())));
        awaitSnapshotStatus(snapshot.id(), "available");
        TerminalCinderException e = assertThrows(TerminalCinderException.class, () -> cinder.volumes().delete(source));
        assertEquals(400, e.httpStatus());
        assertFalse(cinder.volumes().get(source).isEmpty());
    }

    // ---------------------------------------------------------------- helpers

    /** A plain volume made by the admin helper, available, deleted after the test (after its snapshots). */
    protected String availableVolume(String name, int sizeGiB) {
        String id = admin.requestVolume(prefix + name, sizeGiB);
        cleanups.addLast(() -> deleteVolumeAndWait(id));
        await().atMost(SETTLE).pollInterval(Duration.ofMillis(50)).until(() -> "available".equals(admin.volumeStatus(id)));
        return id;
    }

    protected CinderSnapshot track(CinderSnapshot snapshot) {
        cleanups.push(() -> deleteSnapshotAndWait(snapshot.id()));
        return snapshot;
    }

    protected CinderVolume track(CinderVolume volume) {
        cleanups.push(() -> deleteVolumeAndWait(volume.id()));
        return volume;
    }

    protected CinderSnapshot awaitSnapshotStatus(String id, String status) {
        return await().atMost(SETTLE).pollInterval(Duration.ofMillis(50))
                .until(() -> cinder.snapshots().get(id).orElseThrow(), s -> status.equals(s.status()));
    }

    protected CinderVolume awaitVolumeStatus(String id, String status) {
        return await().atMost(SETTLE).pollInterval(Duration.ofMillis(50))
                .until(() -> cinder.volumes().get(id).orElseThrow(), v -> status.equals(v.status()));
    }

    private void deleteSnapshotAndWait(String id) {
        await().atMost(SETTLE).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() -> {
            cinder.snapshots().get(id).filter(s -> s.status().equals("available") || s.status().equals("error"))
                    .ifPresent(s -> cinder.snapshots().delete(id));
            return cinder.snapshots().get(id).isEmpty();
        });
    }

    private void deleteVolumeAndWait(String id) {
        await().atMost(SETTLE).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() -> {
            String status = admin.volumeStatus(id);
            if (status == null) {
                return true;
            }
            if (status.equals("available") || status.equals("error")) {
                admin.deleteVolume(id);
            }
            return false;
        });
    }

    private static Set<String> ids(java.util.List<CinderSnapshot> snapshots) {
        Set<String> ids = new HashSet<>();
        snapshots.forEach(s -> ids.add(s.id()));
        return ids;
    }

    private static Set<String> volumeIds(java.util.List<CinderVolume> volumes) {
        Set<String> ids = new HashSet<>();
        volumes.forEach(v -> ids.add(v.id()));
        return ids;
    }
}
