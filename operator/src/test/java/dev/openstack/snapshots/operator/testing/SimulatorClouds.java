package dev.openstack.snapshots.operator.testing;

import dev.openstack.snapshots.simulator.CinderSimulator;

/** clouds.yaml texts pointing at a simulator: for the harness's Secrets, the contract suite, the sandbox and e2e. */
public final class SimulatorClouds {

    private SimulatorClouds() {
    }

    /** One cloud, {@code cloudName}, with the simulator's own password. */
    public static String yaml(CinderSimulator simulator, String cloudName) {
        return yaml(simulator, cloudName, simulator.password());
    }

    /** One cloud, {@code cloudName}, pointing at {@code simulator} with {@code password}. */
    public static String yaml(CinderSimulator simulator, String cloudName, String password) {
        return """
                clouds:
                  %s:
                    auth:
                      auth_url: %s
                      username: %s
                      password: %s
                      project_name: %s
                      user_domain_name: %s
                      project_domain_name: %s
                    region_name: %s
                """.formatted(cloudName, simulator.authUrl(), simulator.username(), password, simulator.projectName(),
                simulator.domainName(), simulator.domainName(), simulator.region());
    }
}
