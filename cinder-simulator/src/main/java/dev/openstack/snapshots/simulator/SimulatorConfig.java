package dev.openstack.snapshots.simulator;

import java.time.Clock;
import java.time.Duration;

/**
 * Everything the simulator can be started with. Port 0 means a free port. Quotas of -1 are unlimited.
 * Defaults mirror the real loopback stack's credentials and Cinder's default quota set.
 */
public record SimulatorConfig(String host, int port, String user, String password, String project, String domain,
                              String region, Duration transitionDelay, Duration tokenLifetime,
                              String appCredentialId, String appCredentialName, String appCredentialSecret,
                              int volumeQuota, int snapshotQuota, int gigabytesQuota, Clock clock) {

    public static SimulatorConfig defaults() {
        return new SimulatorConfig("127.0.0.1", 0, "admin", "secret", "admin", "Default", "RegionOne",
                Duration.ofMillis(100), Duration.ofHours(24),
                "0d9a6a1e1b6f4c5e8a7d2f3b4c5d6e7f", "simulator-app-cred", "app-cred-secret",
                10, 10, 1000, Clock.systemUTC());
    }

    public SimulatorConfig withHost(String v) {
        return new SimulatorConfig(v, port, user, password, project, domain, region, transitionDelay, tokenLifetime,
                appCredentialId, appCredentialName, appCredentialSecret, volumeQuota, snapshotQuota, gigabytesQuota, clock);
    }

    public SimulatorConfig withPort(int v) {
        return new SimulatorConfig(host, v, user, password, project, domain, region, transitionDelay, tokenLifetime,
                appCredentialId, appCredentialName, appCredentialSecret, volumeQuota, snapshotQuota, gigabytesQuota, clock);
    }

    public SimulatorConfig withUser(String v) {
        return new SimulatorConfig(host, port, v, password, project, domain, region, transitionDelay, tokenLifetime,
                appCredentialId, appCredentialName, appCredentialSecret, volumeQuota, snapshotQuota, gigabytesQuota, clock);
    }

    public SimulatorConfig withPassword(String v) {
        return new SimulatorConfig(host, port, user, v, project, domain, region, transitionDelay, tokenLifetime,
                appCredentialId, appCredentialName, appCredentialSecret, volumeQuota, snapshotQuota, gigabytesQuota, clock);
    }

    public SimulatorConfig withProject(String v) {
        return new SimulatorConfig(host, port, user, password, v, domain, region, transitionDelay, tokenLifetime,
                appCredentialId, appCredentialName, appCredentialSecret, volumeQuota, snapshotQuota, gigabytesQuota, clock);
    }

    public SimulatorConfig withDomain(String v) {
        return new SimulatorConfig(host, port, user, password, project, v, region, transitionDelay, tokenLifetime,
                appCredentialId, appCredentialName, appCredentialSecret, volumeQuota, snapshotQuota, gigabytesQuota, clock);
    }

    public SimulatorConfig withRegion(String v) {
        return new SimulatorConfig(host, port, user, password, project, domain, v, transitionDelay, tokenLifetime,
                appCredentialId, appCredentialName, appCredentialSecret, volumeQuota, snapshotQuota, gigabytesQuota, clock);
    }

    public SimulatorConfig withTransitionDelay(Duration v) {
        return new SimulatorConfig(host, port, user, password, project, domain, region, v, tokenLifetime,
                appCredentialId, appCredentialName, appCredentialSecret, volumeQuota, snapshotQuota, gigabytesQuota, clock);
    }

    public SimulatorConfig withTokenLifetime(Duration v) {
        return new SimulatorConfig(host, port, user, password, project, domain, region, transitionDelay, v,
                appCredentialId, appCredentialName, appCredentialSecret, volumeQuota, snapshotQuota, gigabytesQuota, clock);
    }

    public SimulatorConfig withApplicationCredential(String id, String name, String secret) {
        return new SimulatorConfig(host, port, user, password, project, domain, region, transitionDelay, tokenLifetime,
                id, name, secret, volumeQuota, snapshotQuota, gigabytesQuota, clock);
    }

    public SimulatorConfig withQuotas(int volumes, int snapshots, int gigabytes) {
        return new SimulatorConfig(host, port, user, password, project, domain, region, transitionDelay, tokenLifetime,
                appCredentialId, appCredentialName, appCredentialSecret, volumes, snapshots, gigabytes, clock);
    }

    public SimulatorConfig withClock(Clock v) {
        return new SimulatorConfig(host, port, user, password, project, domain, region, transitionDelay, tokenLifetime,
                appCredentialId, appCredentialName, appCredentialSecret, volumeQuota, snapshotQuota, gigabytesQuota, v);
    }
}
