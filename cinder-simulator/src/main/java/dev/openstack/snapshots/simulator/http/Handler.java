package dev.openstack.snapshots.simulator.http;

/** One API family (Keystone, Cinder, controls) behind the shared HTTP server. */
@FunctionalInterface
public interface Handler {
    SimResponse handle(SimRequest request);
}
