package dev.openstack.snapshots.operator.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotSchedule;
import dev.openstack.snapshots.operator.api.SnapshotState;
import dev.openstack.snapshots.operator.cinder.OwnerTags;
import dev.openstack.snapshots.operator.testing.OperatorHarness;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The schedule controller against the mock Kubernetes API and the Cinder simulator, driven by a test clock: held just
 * before each slot until the schedule has announced it, then let run into it (see {@link ScheduleFixtures#runInto}).
 */
class ScheduleIT {

    static final OperatorHarness h = OperatorHarness.startWithKinds(OpenStackSnapshotSchedule.class);
    final ScheduleFixtures f = new ScheduleFixtures(h);

    @BeforeAll
    static void unlimitedSnapshots() {
        // The simulator starts with Cinder's default of 10 snapshots; this class makes more.
        h.simulator().controls().setQuotas(Map.of("snapshots", -1));
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    private static String stamp(Instant slot) {
        return SlotNames.slotStamp(slot);
    }

    @Test
    void createsOneUnownedSnapshotPerSlotAndNeverTwo() {
        String ns = h.newNamespace();
        String volume = h.admin().createVolume("app-data", 1);
        Instant slot = f.upcomingMinute();
        f.holdClockBefore(slot);
        f.create(f.ofVolume(ns, "every-minute", "* * * * *", volume));

        OpenStackSnapshotSchedule announced = f.await(ns, "every-minute", s -> s.getStatus().getNextScheduleTime() != null);
        assertEquals(slot.toString(), announced.getStatus().getNextScheduleTime());
        assertEquals(List.of(), f.childNames(ns, "every-minute"), "nothing before the first slot");
        f.runInto(ns, "every-minute", slot);

        String name = "every-minute-" + volume + "-" + stamp(slot);
        OpenStackSnapshot child = h.awaitState(ns, name, SnapshotState.OK);
        assertEquals("every-minute", child.getMetadata().getLabels().get(OpenStackSnapshotSchedule.SCHEDULE_LABEL));
        assertEquals(volume, child.getMetadata().getLabels().get(OpenStackSnapshotSchedule.SOURCE_LABEL));
        assertEquals(slot.toString(), child.getMetadata().getAnnotations().get(OpenStackSnapshotSchedule.SLOT_ANNOTATION));
        assertTrue(child.getMetadata().getOwnerReferences() == null || child.getMetadata().getOwnerReferences().isEmpty());
        assertEquals(slot.plus(Duration.ofHours(168)).toString(), child.getSpec().getKeptUntil());
        assertEquals(1, h.cinderSnapshotsOf(child).size());

        OpenStackSnapshotSchedule done = f.await(ns, "every-minute",
                s -> slot.toString().equals(s.getStatus().getLastSuccessfulTime()));
        assertEquals(slot.toString(), done.getStatus().getLastScheduleTime());
        assertEquals(slot.plus(1, ChronoUnit.MINUTES).toString(), done.getStatus().getNextScheduleTime());
        assertEquals(1, done.getStatus().getSnapshotCount());
        assertEquals("", done.getStatus().getErrorMessage());
        assertEquals("Scheduled", ScheduleFixtures.ready(done).getReason());
        assertEquals("True", ScheduleFixtures.ready(done).getStatus());
        assertTrue(h.eventReasons(ns, "every-minute").contains("Created"));

        h.restartOperator();
        OperatorHarness.waiting().during(Duration.ofSeconds(2)).until(() -> f.childNames(ns, "every-minute").size() == 1);

        f.delete(ns, "every-minute");
        OperatorHarness.waiting().until(() -> f.get(ns, "every-minute") == null);
        OperatorHarness.waiting().during(Duration.ofSeconds(1)).until(() -> h.get(ns, name) != null);
    }

    @Test
    void followsTheWallClockAcrossADaylightSavingChange() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        ZoneOffsetTransition change = berlin.getRules().nextTransition(h.clock().instant().plus(Duration.ofHours(1)));
        LocalDate day = change.getDateTimeBefore().toLocalDate();
        LocalDateTime twoThirty = LocalDateTime.of(day, LocalTime.of(2, 30));
        // Spring: 02:30 does not exist and fires at the jump. Autumn: 02:30 happens twice and fires the first time.
        Instant expected = change.isGap() ? change.getInstant() : twoThirty.toInstant(change.getOffsetBefore());
        Instant nextDay = twoThirty.plusDays(1).toInstant(change.getOffsetAfter());

        String ns = h.newNamespace();
        String volume = h.admin().createVolume("berlin-data", 1);
        f.holdClockBefore(expected);
        OpenStackSnapshotSchedule schedule = f.ofVolume(ns, "nightly", "30 2 * * *", volume);
        schedule.getSpec().setTimeZone("Europe/Berlin");
        f.create(schedule);
        f.runInto(ns, "nightly", expected);

        String name = "nightly-" + volume + "-" + stamp(expected);
        h.awaitState(ns, name, SnapshotState.OK);
        OpenStackSnapshotSchedule after = f.await(ns, "nightly",
                s -> expected.toString().equals(s.getStatus().getLastScheduleTime()));
        assertEquals(nextDay.toString(), after.getStatus().getNextScheduleTime());

        // An hour later (past the second 02:30 in autumn) a restarted operator still finds nothing due.
        h.stopOperator();
        h.clock().advance(Duration.ofHours(1));
        h.startOperator();
        OperatorHarness.waiting().during(Duration.ofSeconds(2)).until(() -> f.childNames(ns, "nightly").equals(List.of(name)));
        f.delete(ns, "nightly");
    }

    @Test
    void suspendedSchedulesCreateNothingAndResumeAtTheNextSlot() {
        String ns = h.newNamespace();
        String volume = h.admin().createVolume("paused-data", 1);
        Instant skipped = f.upcomingMinute();
        f.holdClockBefore(skipped);
        OpenStackSnapshotSchedule schedule = f.ofVolume(ns, "paused", "* * * * *", volume);
        schedule.getSpec().setSuspend(true);
        f.create(schedule);

        OpenStackSnapshotSchedule suspended = f.await(ns, "paused",
                s -> "Suspended".equals(ScheduleFixtures.ready(s).getReason()));
        assertNull(suspended.getStatus().getNextScheduleTime());
        // A suspended schedule arms no timer, so real time passing would show nothing more than moving the clock.
        h.clock().advance(Duration.between(h.clock().instant(), skipped.plusSeconds(1)));
        assertEquals(List.of(), f.childNames(ns, "paused"));

        Instant resumedSlot = skipped.plus(1, ChronoUnit.MINUTES);
        f.holdClockBefore(resumedSlot);
        f.edit(ns, "paused", s -> {
            s.getSpec().setSuspend(false);
            return s;
        });
        f.runInto(ns, "paused", resumedSlot);
        h.awaitState(ns, "paused-" + volume + "-" + stamp(resumedSlot), SnapshotState.OK);
        assertEquals(List.of("paused-" + volume + "-" + stamp(resumedSlot)), f.childNames(ns, "paused"),
                "the slot passed while suspended is not caught up");
        f.delete(ns, "paused");
    }

    @Test
    void afterDowntimeOnlyTheLatestMissedSlotRuns() {
        String ns = h.newNamespace();
        String volume = h.admin().createVolume("downtime-data", 1);
        Instant first = f.upcomingMinute();
        f.holdClockBefore(first);
        f.create(f.ofVolume(ns, "minutely", "* * * * *", volume));
        f.runInto(ns, "minutely", first);
        h.awaitState(ns, "minutely-" + volume + "-" + stamp(first), SnapshotState.OK);
        f.await(ns, "minutely", s -> first.toString().equals(s.getStatus().getLastScheduleTime()));

        h.stopOperator();
        h.clock().advance(Duration.ofMinutes(5).plusSeconds(20));
        Instant latestMissed = first.plus(5, ChronoUnit.MINUTES);
        h.startOperator();

        h.awaitState(ns, "minutely-" + volume + "-" + stamp(latestMissed), SnapshotState.OK);
        OpenStackSnapshotSchedule caughtUp = f.await(ns, "minutely",
                s -> latestMissed.toString().equals(s.getStatus().getLastScheduleTime()));
        assertEquals(latestMissed.plus(1, ChronoUnit.MINUTES).toString(), caughtUp.getStatus().getNextScheduleTime());
        assertEquals(List.of("minutely-" + volume + "-" + stamp(first), "minutely-" + volume + "-" + stamp(latestMissed)),
                f.childNames(ns, "minutely"), "one catch-up run, no burst");
        f.delete(ns, "minutely");
    }

    @Test
    void maxCountPrunesTheOldestReadyOnlyOnceTheNewOneIsReady() {
        String ns = h.newNamespace();
        String volume = h.admin().createVolume("pruned-data", 1);
        OpenStackSnapshotSchedule schedule = f.ofVolume(ns, "keep2", "* * * * *", volume);
        schedule.getSpec().getRetention().setMaxCount(2);
        ScheduleSource source = new ScheduleSource(ScheduleSource.Kind.ID, volume);
        Instant slot = f.upcomingMinute();
        // Earlier runs of this schedule: an Erred one (oldest) and two Ready ones.
        Instant erredSlot = slot.minus(3, ChronoUnit.MINUTES);
        Instant oldest = slot.minus(2, ChronoUnit.MINUTES);
        Instant previous = slot.minus(1, ChronoUnit.MINUTES);
        for (Instant earlier : List.of(erredSlot, oldest, previous)) {
            schedule.getMetadata().setUid("seed");
            h.create(ChildSnapshots.build(schedule, source, earlier, java.util.Optional.empty()));
        }
        String erredName = SlotNames.childName("keep2", source, erredSlot);
        String oldestName = SlotNames.childName("keep2", source, oldest);
        String previousName = SlotNames.childName("keep2", source, previous);
        OpenStackSnapshot toBreak = h.awaitState(ns, erredName, SnapshotState.OK);
        h.admin().resetSnapshotStatus(toBreak.getStatus().getBackendID(), "error");
        h.awaitState(ns, erredName, SnapshotState.Erred);
        h.awaitState(ns, oldestName, SnapshotState.OK);
        h.awaitState(ns, previousName, SnapshotState.OK);

        h.simulator().controls().setTransitionDelay("snapshot.create", Duration.ofSeconds(3));
        try {
            f.holdClockBefore(slot);
            schedule.getMetadata().setUid(null);
            f.create(schedule);
            f.runInto(ns, "keep2", slot);
            String newest = SlotNames.childName("keep2", source, slot);
            h.awaitState(ns, newest, SnapshotState.Creating);
            assertTrue(h.get(ns, oldestName) != null, "a snapshot not Ready yet neither counts nor is pruned");
            h.awaitState(ns, newest, SnapshotState.OK);
        } finally {
            h.simulator().controls().setTransitionDelay("snapshot.create", Duration.ofMillis(50));
        }
        h.awaitGone(ns, oldestName);
        assertEquals(List.of(erredName, previousName, SlotNames.childName("keep2", source, slot)),
                f.childNames(ns, "keep2"), "Erred snapshots are never pruned");
        assertTrue(h.eventReasons(ns, "keep2").contains("Pruned"));
        f.delete(ns, "keep2");
    }

    @Test
    void aPersistentVolumeClaimSelectorPicksUpNewClaims() {
        String ns = h.newNamespace();
        String volumeA = h.admin().createVolume("pvc-a", 1);
        String volumeB = h.admin().createVolume("pvc-b", 1);
        String volumeC = h.admin().createVolume("pvc-c", 1);
        f.claim(ns, "data-a", volumeA, Map.of("backup", "daily"));
        f.claim(ns, "data-b", volumeB, Map.of("backup", "never"));
        Instant first = f.upcomingMinute();
        f.holdClockBefore(first);
        f.create(f.ofClaims(ns, "by-label", "* * * * *", Map.of("backup", "daily")));
        f.runInto(ns, "by-label", first);

        OpenStackSnapshot a1 = h.awaitState(ns, "by-label-data-a-" + stamp(first), SnapshotState.OK);
        assertEquals("data-a", a1.getSpec().getSourceVolume().getPersistentVolumeClaimName());
        assertEquals(volumeA, a1.getStatus().getSourceVolume().getId());

        Instant second = first.plus(1, ChronoUnit.MINUTES);
        // Already announced: the new claim's own event wakes the schedule; a second of clock before the slot gives the
        // operator's claim cache time to hold it when the slot runs.
        f.holdClockBefore(second, Duration.ofSeconds(1));
        f.claim(ns, "data-c", volumeC, Map.of("backup", "daily"));
        f.runInto(ns, "by-label", second);
        OpenStackSnapshot c2 = h.awaitState(ns, "by-label-data-c-" + stamp(second), SnapshotState.OK);
        assertEquals(volumeC, c2.getStatus().getSourceVolume().getId());
        h.awaitState(ns, "by-label-data-a-" + stamp(second), SnapshotState.OK);
        assertEquals(List.of("by-label-data-a-" + stamp(first), "by-label-data-a-" + stamp(second),
                "by-label-data-c-" + stamp(second)), f.childNames(ns, "by-label"), "the unselected PVC is not snapshotted");
        f.delete(ns, "by-label");
    }

    @Test
    void aSelectedClaimThatKubernetesDidNotBindIsNotSnapshotted() {
        String owner = h.newNamespace();
        String ns = h.newNamespace();
        String volume = "0b7c1e9a-0000-4000-8000-00000000f0f0"; // never reached: the claim is refused first
        String pv = "pv-" + owner + "-data";
        f.claim(owner, "data", volume, Map.of());
        // a claim of this namespace naming the other namespace's PV by hand: Pending, never bound
        h.client().persistentVolumeClaims().inNamespace(ns).resource(new PersistentVolumeClaimBuilder().withNewMetadata()
                .withName("forged").withLabels(Map.of("backup", "daily")).endMetadata().withNewSpec()
                .withAccessModes("ReadWriteOnce").withVolumeName(pv).withNewResources()
                .withRequests(Map.of("storage", new Quantity("1Gi"))).endResources().endSpec().build()).create();
        Instant slot = f.upcomingMinute();
        f.holdClockBefore(slot);
        f.create(f.ofClaims(ns, "forged-backup", "* * * * *", Map.of("backup", "daily")));
        f.runInto(ns, "forged-backup", slot);

        OpenStackSnapshot child = h.awaitState(ns, "forged-backup-forged-" + stamp(slot), SnapshotState.Erred);
        assertTrue(child.getStatus().getErrorMessage().contains("is not bound"), child.getStatus().getErrorMessage());
        assertTrue(child.getStatus().getConditions().stream().anyMatch(c -> "InvalidConfiguration".equals(c.getReason())));
        f.await(ns, "forged-backup", s -> "SnapshotFailed".equals(ScheduleFixtures.ready(s).getReason()));
        assertTrue(h.cinderSnapshots().stream().noneMatch(c -> ns.equals(c.metadata().get(OwnerTags.NAMESPACE))),
                "nothing was snapshotted for this namespace");
        f.delete(ns, "forged-backup");
    }

    @Test
    void quotaExceededShowsOnTheScheduleWhichKeepsItsCadence() {
        String ns = h.newNamespace();
        String volume = h.admin().createVolume("quota-data", 1);
        h.simulator().controls().setQuotas(Map.of("snapshots", h.cinderSnapshots().size()));
        try {
            Instant slot = f.upcomingMinute();
            f.holdClockBefore(slot);
            f.create(f.ofVolume(ns, "over-quota", "* * * * *", volume));
            f.runInto(ns, "over-quota", slot);
            String name = "over-quota-" + volume + "-" + stamp(slot);
            OpenStackSnapshot erred = h.awaitState(ns, name, SnapshotState.Erred);

            OpenStackSnapshotSchedule failing = f.await(ns, "over-quota",
                    s -> "SnapshotFailed".equals(ScheduleFixtures.ready(s).getReason()));
            assertEquals("False", ScheduleFixtures.ready(failing).getStatus());
            assertTrue(failing.getStatus().getErrorMessage().contains(name), failing.getStatus().getErrorMessage());
            assertTrue(failing.getStatus().getErrorMessage().contains(erred.getStatus().getErrorMessage()),
                    failing.getStatus().getErrorMessage());
            assertEquals(slot.plus(1, ChronoUnit.MINUTES).toString(), failing.getStatus().getNextScheduleTime(),
                    "the schedule keeps its cadence");
            assertTrue(h.eventReasons(ns, "over-quota").contains("Failed"));
        } finally {
            h.simulator().controls().setQuotas(Map.of("snapshots", -1));
        }
        f.delete(ns, "over-quota");
    }

    @Test
    void snapshotsOutliveTheirScheduleAndExpireByKeepForEvenDuringDowntime() {
        String ns = h.newNamespace();
        String volume = h.admin().createVolume("outlive-data", 1);
        Instant slot = f.upcomingMinute();
        f.holdClockBefore(slot);
        OpenStackSnapshotSchedule schedule = f.ofVolume(ns, "short-lived", "* * * * *", volume);
        schedule.getSpec().getRetention().setKeepFor("90s");
        f.create(schedule);
        f.runInto(ns, "short-lived", slot);
        String name = "short-lived-" + volume + "-" + stamp(slot);
        OpenStackSnapshot child = h.awaitState(ns, name, SnapshotState.OK);
        assertEquals(slot.plusSeconds(90).toString(), child.getStatus().getKeptUntil());

        f.delete(ns, "short-lived");
        OperatorHarness.waiting().until(() -> f.get(ns, "short-lived") == null);
        OperatorHarness.waiting().during(Duration.ofSeconds(1)).until(() -> h.get(ns, name) != null);

        h.stopOperator();
        h.clock().advance(Duration.ofMinutes(3));
        h.startOperator();
        h.awaitGone(ns, name);
        assertEquals(List.of(), h.cinderSnapshotsOfVolume(volume));
    }

    @Test
    void aTimeZoneTheSchemaCannotCheckIsReportedAsInvalidConfiguration() {
        String ns = h.newNamespace();
        OpenStackSnapshotSchedule schedule = f.ofVolume(ns, "nowhere", "0 3 * * *", "0b7c1e9a-0000-0000-0000-000000000000");
        schedule.getSpec().setTimeZone("Europe/Atlantis");
        f.create(schedule);
        OpenStackSnapshotSchedule invalid = f.await(ns, "nowhere",
                s -> "InvalidConfiguration".equals(ScheduleFixtures.ready(s).getReason()));
        assertTrue(invalid.getStatus().getErrorMessage().contains("Europe/Atlantis"));
        assertNull(invalid.getStatus().getNextScheduleTime());
        assertEquals(List.of("Failed"), h.eventReasons(ns, "nowhere"));
        f.delete(ns, "nowhere");
    }
}
