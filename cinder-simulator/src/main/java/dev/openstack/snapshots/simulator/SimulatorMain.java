package dev.openstack.snapshots.simulator;

import dev.openstack.snapshots.simulator.controls.DurationText;

import java.util.concurrent.CountDownLatch;

/** {@code java -jar cinder-simulator.jar [--host H] [--port P] [--user U] ...}: runs until killed. */
public final class SimulatorMain {

    private SimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        SimulatorConfig config = SimulatorConfig.defaults().withPort(8776);
        try {
            config = parse(args, config);
        } catch (IllegalArgumentException e) {
            System.err.println("cinder-simulator: " + e.getMessage());
            System.err.println(usage());
            System.exit(2);
        }
        CinderSimulator sim = CinderSimulator.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(sim::close, "cinder-simulator-shutdown"));
        System.out.println("Cinder simulator (Keystone v3 + Cinder v3) listening on " + config.host() + ":" + sim.port());
        System.out.println("  OS_AUTH_URL=" + sim.authUrl());
        System.out.println("  OS_USERNAME=" + sim.username());
        System.out.println("  OS_PASSWORD=" + sim.password());
        System.out.println("  OS_PROJECT_NAME=" + sim.projectName() + "   (project id " + sim.projectId() + ")");
        System.out.println("  OS_USER_DOMAIN_NAME=" + sim.domainName());
        System.out.println("  OS_PROJECT_DOMAIN_NAME=" + sim.domainName());
        System.out.println("  OS_REGION_NAME=" + sim.region());
        System.out.println("  application credential: id " + sim.applicationCredentialId() + ", name "
                + sim.applicationCredentialName() + ", secret " + sim.applicationCredentialSecret());
        System.out.println("  block storage: " + sim.volumeEndpoint());
        System.out.println("  controls: " + sim.baseUrl() + "/_sim/ (counters, faults, delays, quotas, reset)");
        System.out.println("  transition delay " + config.transitionDelay().toMillis() + " ms, token lifetime "
                + config.tokenLifetime().toSeconds() + " s");
        System.out.flush();
        new CountDownLatch(1).await();
    }

    static SimulatorConfig parse(String[] args, SimulatorConfig start) {
        SimulatorConfig c = start;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--help") || flag.equals("-h")) {
                System.out.println(usage());
                System.exit(0);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + flag);
            }
            String v = args[++i];
            c = switch (flag) {
                case "--host" -> c.withHost(v);
                case "--port" -> c.withPort(Integer.parseInt(v));
                case "--user" -> c.withUser(v);
                case "--password" -> c.withPassword(v);
                case "--project" -> c.withProject(v);
                case "--domain" -> c.withDomain(v);
                case "--region" -> c.withRegion(v);
                case "--transition-delay" -> c.withTransitionDelay(DurationText.parse(v));
                case "--token-lifetime" -> c.withTokenLifetime(DurationText.parse(v));
                default -> throw new IllegalArgumentException("unknown flag " + flag);
            };
        }
        return c;
    }

    static String usage() {
        return "usage: java -jar cinder-simulator.jar [--host 127.0.0.1] [--port 8776] [--user admin] [--password secret]\n"
                + "       [--project admin] [--domain Default] [--region RegionOne] [--transition-delay 100ms] [--token-lifetime 24h]";
    }
}
