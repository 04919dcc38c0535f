package dev.openstack.snapshots.operator.cinder.openstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openstack.snapshots.operator.cinder.BlockStorage;
import dev.openstack.snapshots.operator.cinder.NewSnapshot;
import dev.openstack.snapshots.operator.cinder.NewVolume;
import dev.openstack.snapshots.operator.cinder.SendDeadline;
import dev.openstack.snapshots.operator.cinder.TransientCinderException;
import dev.openstack.snapshots.operator.cloud.CloudsYaml;
import dev.openstack.snapshots.operator.cloud.OpenStackSettings;
import dev.openstack.snapshots.operator.testing.SimulatorClouds;
import dev.openstack.snapshots.operator.testing.admin.CinderAdmin;
import dev.openstack.snapshots.simulator.CinderSimulator;
import dev.openstack.snapshots.simulator.SimulatorConfig;
import dev.openstack.snapshots.simulator.faults.FaultRule;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A create whose mark was written must leave for Cinder within its budget or not at all: the kill campaign's duplicate
 * volume came from a create that waited for a busy call slot, left seconds after its mark and landed after the wait
 * that the mark stands for had ended, when the next process had created again.
 */
class SendDeadlineIT {

    private CinderSimulator sim;
    private BlockStorage cinder;
    private String volumeId;

    @BeforeEach
    void start() {
        sim = CinderSimulator.start(SimulatorConfig.defaults().withTransitionDelay(Duration.ofMillis(20)));
        volumeId = CinderAdmin.of(sim).createVolume("src", 1);
        // One call slot, as if OPENSTACK_MAX_CONCURRENT_CALLS were all busy with slow calls.
        OpenStackSettings oneSlot = new OpenStackSettings(Duration.ofSeconds(10), Duration.ofSeconds(60), 1, Duration.ofMinutes(5));
        cinder = new OpenStackClouds(oneSlot, Clock.systemUTC()).connect(CloudsYaml.parse(SimulatorClouds.yaml(sim, "sim"), "sim", null));
        cinder.snapshots().list(null, 1); // token and connection ready
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void aCreateThatCannotLeaveInTimeIsNotSentAtAll() throws Exception {
        sim.controls().resetCounters();
        sim.controls().addFault(FaultRule.hang("snapshot.list", 1, 1500));
        CompletableFuture<?> slow = CompletableFuture.runAsync(() -> cinder.snapshots().list(null, 10));
        org.awaitility.Awaitility.await().until(() -> sim.controls().count("snapshot.list") == 1);

        TransientCinderException snapshot = assertThrows(TransientCinderException.class, () -> cinder.snapshots()
                .create(new NewSnapshot(volumeId, "late", null, false, Map.of()), SendDeadline.within(Duration.ofMillis(300))));
        assertFalse(snapshot.sent(), "no answer here means it never left: " + snapshot.getMessage());
        assertEquals(0, snapshot.httpStatus());
        assertTrue(snapshot.getMessage().contains("not sent"), snapshot.getMessage());
        slow.get();
        assertEquals(0, sim.controls().count("snapshot.create"), "Cinder never saw it");

        // Without a deadline (calls no mark stands for) the same wait simply ends in the call.
        sim.controls().addFault(FaultRule.hang("snapshot.list", 1, 500));
        CompletableFuture<?> again = CompletableFuture.runAsync(() -> cinder.snapshots().list(null, 10));
        org.awaitility.Awaitility.await().until(() -> sim.controls().count("snapshot.list") == 2);
        String id = cinder.snapshots().create(new NewSnapshot(volumeId, "patient", null, false, Map.of())).id();
        again.get();
        assertEquals(1, sim.controls().count("snapshot.create"));

        sim.controls().addFault(FaultRule.hang("snapshot.list", 1, 1500));
        CompletableFuture<?> third = CompletableFuture.runAsync(() -> cinder.snapshots().list(null, 10));
        org.awaitility.Awaitility.await().until(() -> sim.controls().count("snapshot.list") == 3);
        TransientCinderException volume = assertThrows(TransientCinderException.class, () -> cinder.volumes().createFromSnapshot(
                new NewVolume(id, "late", null, null, null, null, Map.of()), SendDeadline.within(Duration.ofMillis(300))));
        assertFalse(volume.sent());
        third.get();
        assertEquals(0, sim.controls().count("volume.create"));
    }
}
