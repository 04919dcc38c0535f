package dev.openstack.snapshots.operator.cinder.contract;

import dev.openstack.snapshots.operator.testing.SimulatorClouds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openstack.snapshots.operator.cinder.TransientCinderException;
import dev.openstack.snapshots.operator.cloud.CloudsYaml;
import dev.openstack.snapshots.operator.cinder.openstack.OpenStackClouds;
import dev.openstack.snapshots.operator.cloud.OpenStackSettings;
import dev.openstack.snapshots.operator.testing.admin.CinderAdmin;
import dev.openstack.snapshots.simulator.CinderSimulator;
import dev.openstack.snapshots.simulator.SimulatorConfig;
import dev.openstack.snapshots.simulator.faults.FaultRule;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The contract against the in-process simulator, plus what only the simulator can do: inject 5xx and 429. */
class SimulatorBlockStorageContractIT extends BlockStorageContract {

    static CinderSimulator simulator;
    private static ContractTarget shared;

    @Override
    protected ContractTarget target() {
        if (shared == null) {
            simulator = CinderSimulator.start(SimulatorConfig.defaults()
                    .withTransitionDelay(Duration.ofMillis(50)).withQuotas(100, 100, 10_000));
            shared = new ContractTarget(
                    new OpenStackClouds(OpenStackSettings.defaults(), Clock.systemUTC()).connect(CloudsYaml.parse(
                            SimulatorClouds.yaml(simulator, "sim"), "sim", null)),
                    CinderAdmin.of(simulator),
                    true);
        }
        simulator.controls().clearFaults();
        return shared;
    }

    @AfterAll
    static void stop() {
        if (simulator != null) {
            simulator.close();
            simulator = null;
            shared = null;
        }
    }

    @Test
    void serverErrorsAndThrottlingAreTransient() {
        simulator.controls().addFault(FaultRule.status("snapshot.get", 1, 503));
        TransientCinderException unavailable = assertThrows(TransientCinderException.class,
                () -> cinder.snapshots().get(UUID.randomUUID().toString()));
        assertEquals(503, unavailable.httpStatus());
        assertTrue(unavailable.getMessage().contains("(HTTP 503"), unavailable.getMessage());

        simulator.controls().addFault(FaultRule.status("snapshot.list", 1, 429));
        TransientCinderException throttled = assertThrows(TransientCinderException.class, () -> cinder.snapshots().list(null, 10));
        assertEquals(429, throttled.httpStatus());

        simulator.controls().addFault(FaultRule.status("volume.delete", 1, 500));
        assertEquals(500, assertThrows(TransientCinderException.class,
                () -> cinder.volumes().delete(UUID.randomUUID().toString())).httpStatus());
    }
}
