package dev.openstack.snapshots.simulator.keystone;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Issues and checks tokens; expiry follows the injected clock so tests can make tokens expire. */
public final class TokenRegistry {

    private final SecureRandom random = new SecureRandom();
    private final Map<String, IssuedToken> tokens = new ConcurrentHashMap<>();
    private final Clock clock;
    private volatile Duration lifetime;

    public TokenRegistry(Clock clock, Duration lifetime) {
        this.clock = clock;
        this.lifetime = lifetime;
    }

    public IssuedToken issue(List<String> methods, String projectId, boolean viaAppCred) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        byte[] raw = new byte[96];
        random.nextBytes(raw);
        // Fernet tokens start with "gAAAAA"; some clients sniff token formats, so look alike.
        String id = "gAAAAA" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        byte[] audit = new byte[16];
        random.nextBytes(audit);
        IssuedToken token = new IssuedToken(id, List.copyOf(methods), now, now.plus(lifetime), projectId, viaAppCred,
                Base64.getUrlEncoder().withoutPadding().encodeToString(audit));
        tokens.put(id, token);
        return token;
    }

    /** The token if it exists and has not expired. */
    public Optional<IssuedToken> valid(String id) {
        if (id == null) {
            return Optional.empty();
        }
        IssuedToken t = tokens.get(id);
        return t != null && t.validAt(clock.instant()) ? Optional.of(t) : Optional.empty();
    }

    /** The id of every token issued so far, expired ones included (for tests that prove none of them leaked). */
    public List<String> issuedIds() {
        return List.copyOf(tokens.keySet());
    }

    public void setLifetime(Duration lifetime) {
        this.lifetime = lifetime;
    }

    /** Makes every issued token expired now, to test re-authentication without waiting. */
    public void expireAll() {
        Instant past = clock.instant().minusSeconds(1);
        tokens.replaceAll((k, t) -> new IssuedToken(t.id(), t.methods(), t.issuedAt(), past, t.projectId(),
                t.viaApplicationCredential(), t.auditId()));
    }

    public void clear() {
        tokens.clear();
    }
}
