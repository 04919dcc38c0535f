package dev.openstack.snapshots.operator.cinder.openstack;

import java.time.Instant;
import org.openstack4j.openstack.identity.v3.domain.KeystoneToken;

/** A Keystone token as openstack4j needs it, with its lifetime. toString never shows the token id. */
record IssuedToken(KeystoneToken token, Instant issuedAt, Instant expiresAt) {

    @Override
    public String toString() {
        return "IssuedToken[issuedAt=" + issuedAt + ", expiresAt=" + expiresAt + "]";
    }
}
