package dev.openstack.snapshots.operator.cinder.contract;

import dev.openstack.snapshots.simulator.CinderSimulator;

/** clouds.yaml texts pointing at a simulator. */
public final class SimulatorClouds {

    private SimulatorClouds() {
    }

    public static String yaml(CinderSimulator sim, String cloudName) {
        return "clouds:\n  " + cloudName + ":\n    auth:\n      auth_url: " + sim.authUrl() + "\n      username: " + sim.username()
                + "\n      password: '" + sim.password() + "'\n      project_name: " + sim.projectName()
                + "\n      user_domain_name: " + sim.domainName() + "\n      project_domain_name: " + sim.domainName()
                + "\n    region_name: " + sim.region() + "\n";
    }
}
