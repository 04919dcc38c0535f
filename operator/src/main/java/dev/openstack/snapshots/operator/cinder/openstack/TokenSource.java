package dev.openstack.snapshots.operator.cinder.openstack;

import org.openstack4j.openstack.identity.v3.domain.KeystoneToken;

/** The shared Keystone token of one cloud. */
interface TokenSource {

    /** A token valid for a while yet; issues one when needed. */
    KeystoneToken token();

    /** Cinder answered 401 to {@code token}: forget it, so that the next {@link #token()} issues a new one. */
    void rejected(KeystoneToken token);
}
