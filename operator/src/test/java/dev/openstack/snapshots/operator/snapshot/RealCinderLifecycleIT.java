package dev.openstack.snapshots.operator.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.SnapshotState;
import dev.openstack.snapshots.operator.testing.OperatorHarness;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The lifecycle against real Keystone + Cinder on loopback (mock Kubernetes, real operator). Opt-in:
 * {@code REAL_CINDER_VOLUME=<an available volume id> mvn ... -Dtest=RealCinderLifecycleIT}.
 */
@EnabledIfEnvironmentVariable(named = "REAL_CINDER_VOLUME", matches = ".+")
class RealCinderLifecycleIT {

    static final String CLOUDS_YAML = """
            clouds:
              lab:
                auth:
                  auth_url: http://127.0.0.1:5000/v3
                  username: admin
                  password: secret
                  project_name: admin
                  user_domain_name: Default
                  project_domain_name: Default
                region_name: RegionOne
            """;

    @Test
    void createUpdateDelete() {
        try (OperatorHarness h = OperatorHarness.start()) {
            String ns = h.newNamespace();
            h.client().secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName("lab").endMetadata()
                    .addToStringData("clouds.yaml", CLOUDS_YAML).build()).create();
            OpenStackSnapshot s = h.snapshotOf(ns, "real", System.getenv("REAL_CINDER_VOLUME"));
            s.getSpec().getCloudCredentialsRef().setSecretName("lab");
            s.getSpec().getCloudCredentialsRef().setCloudName("lab");
            s.getSpec().setDescription("operator e2e");
            s.getSpec().setMetadata(Map.of("app", "e2e"));
            long t0 = System.nanoTime();
            h.create(s);
            OpenStackSnapshot ok = h.awaitState(ns, "real", SnapshotState.OK);
            System.out.printf("real Cinder: applied -> OK in %d ms, backendID %s%n", (System.nanoTime() - t0) / 1_000_000,
                    ok.getStatus().getBackendID());
            t0 = System.nanoTime();
            h.edit(ns, "real", o -> {
                o.getSpec().setName("real-renamed");
                o.getSpec().setMetadata(Map.of("app", "e2e", "step", "2"));
                return o;
            });
            h.await(ns, "real", o -> o.getStatus().getObservedGeneration() == 2L && o.getStatus().getState() == SnapshotState.OK);
            System.out.printf("real Cinder: edit -> OK in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            t0 = System.nanoTime();
            h.delete(ns, "real");
            h.awaitGone(ns, "real");
            System.out.printf("real Cinder: delete -> gone in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            assertEquals(java.util.List.of("Created", "Ready", "Updated", "Deleted"), h.eventReasons(ns, "real"));
        }
    }
}
