package dev.openstack.snapshots.simulator.keystone;

import java.time.Instant;
import java.util.List;

/** A token the simulated Keystone handed out. {@code projectId} is null for unscoped tokens. */
public record IssuedToken(String id, List<String> methods, Instant issuedAt, Instant expiresAt, String projectId,
                          boolean viaApplicationCredential, String auditId) {

    public boolean validAt(Instant now) {
        return now.isBefore(expiresAt);
    }
}
