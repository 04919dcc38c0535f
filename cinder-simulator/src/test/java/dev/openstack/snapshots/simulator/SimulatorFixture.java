package dev.openstack.snapshots.simulator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import java.time.Duration;

/** One simulator per test class, reset before each test; transitions are short to keep the suite fast. */
abstract class SimulatorFixture {

    static CinderSimulator sim;
    SimClient client;

    @BeforeAll
    static void startSimulator() {
        sim = CinderSimulator.start(SimulatorConfig.defaults().withTransitionDelay(Duration.ofMillis(50)));
    }

    @AfterAll
    static void stopSimulator() {
        sim.close();
    }

    @BeforeEach
    void resetSimulator() {
        sim.controls().reset();
        client = new SimClient(sim);
    }
}
