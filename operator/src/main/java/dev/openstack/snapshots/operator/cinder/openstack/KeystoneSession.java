package dev.openstack.snapshots.operator.cinder.openstack;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.openstack4j.openstack.identity.v3.domain.KeystoneToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one token of a (Secret, cloud), shared by every thread: issued on first use, renewed shortly
 * before it expires (the configured margin, at most 10% of its lifetime), and dropped when Cinder
 * rejects it. Threads that need a token while one is being issued wait for that one.
 */
final class KeystoneSession implements TokenSource {

    private static final Logger LOG = LoggerFactory.getLogger(KeystoneSession.class);

    private final String cloudName;
    private final KeystoneClient keystone;
    private final Clock clock;
    private final Duration margin;
    private IssuedToken current;

    KeystoneSession(String cloudName, KeystoneClient keystone, Clock clock, Duration margin) {
        this.cloudName = cloudName;
        this.keystone = keystone;
        this.clock = clock;
        this.margin = margin;
    }

    @Override
    public synchronized KeystoneToken token() {
        Instant now = clock.instant();
        if (current == null || !now.isBefore(renewAt(current))) {
            current = keystone.issue();
            LOG.info("cloud {}: Keystone token issued, expires at {}", cloudName, current.expiresAt());
        }
        return current.token();
    }

    @Override
    public synchronized void rejected(KeystoneToken token) {
        if (current != null && current.token() == token) {
            LOG.info("cloud {}: Cinder rejected the Keystone token (401); a new one will be issued", cloudName);
            current = null;
        }
    }

    private Instant renewAt(IssuedToken token) {
        Duration margin = this.margin;
        if (token.issuedAt() != null) {
            Duration tenth = Duration.between(token.issuedAt(), token.expiresAt()).dividedBy(10);
            if (tenth.compareTo(margin) < 0) {
                margin = tenth;
            }
        }
        return token.expiresAt().minus(margin);
    }
}
