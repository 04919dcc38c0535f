package dev.openstack.snapshots.e2e.apiserver;

import dev.openstack.snapshots.e2e.cluster.RealCluster;

/** Test namespaces on the real control plane, made fresh for a test class and deleted after it. */
final class Namespaces {

    private Namespaces() {
    }

    /** Deletes {@code name} if a previous run left it (waiting until it is gone), then creates it empty. */
    static void recreate(RealCluster cluster, String name) {
        cluster.kubectl(null, "delete", "namespace", name, "--ignore-not-found", "--timeout=120s").requireSuccess();
        cluster.kubectl(null, "create", "namespace", name).requireSuccess();
    }

    static void delete(RealCluster cluster, String name) {
        if (cluster != null) {
            cluster.kubectl(null, "delete", "namespace", name, "--ignore-not-found", "--wait=false");
        }
    }
}
