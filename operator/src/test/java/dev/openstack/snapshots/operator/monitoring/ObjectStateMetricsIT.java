package dev.openstack.snapshots.operator.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.openstack.snapshots.operator.OperatorSettings;
import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotStatus;
import dev.openstack.snapshots.operator.api.SnapshotState;
import dev.openstack.snapshots.operator.testing.GeneratedCrds;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The state gauges count what the API server holds, per kind, namespace and state, and the transient errors. */
class ObjectStateMetricsIT {

    @Test
    void countsObjectsPerStateAndThoseHeldBackByTransientErrors() {
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init();
        try (KubernetesClient client = server.createClient()) {
            client.apiextensions().v1().customResourceDefinitions().resource(GeneratedCrds.generate(OpenStackSnapshot.class)).create();
            client.apiextensions().v1().customResourceDefinitions()
                    .resource(GeneratedCrds.generate(dev.openstack.snapshots.operator.api.SnapshotRestoration.class)).create();
            create(client, "a", SnapshotState.OK, false);
            create(client, "b", SnapshotState.Erred, false);
            create(client, "c", SnapshotState.Creating, true);
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            try (ObjectStateMetrics metrics = new ObjectStateMetrics(client, OperatorSettings.defaults().watchNamespaces(), registry)) {
                Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                    metrics.refresh();
                    assertEquals(1.0, gauge(registry, "openstack_snapshot_operator_objects", "state", "Erred"));
                    assertEquals(1.0, gauge(registry, "openstack_snapshot_operator_objects", "state", "OK"));
                    assertEquals(1.0, gauge(registry, "openstack_snapshot_operator_objects_transient_error", "kind", "OpenStackSnapshot"));
                });
            }
        } finally {
            server.destroy();
        }
    }

    private static double gauge(SimpleMeterRegistry registry, String name, String tag, String value) {
        return registry.find(name).tag(tag, value).tag("namespace", "team-a").gauge().value();
    }

    private static void create(KubernetesClient client, String name, SnapshotState state, boolean transientError) {
        OpenStackSnapshot s = new OpenStackSnapshot();
        s.getMetadata().setName(name);
        s.getMetadata().setNamespace("team-a");
        OpenStackSnapshot created = client.resource(s).create();
        OpenStackSnapshotStatus status = new OpenStackSnapshotStatus();
        status.setState(state);
        if (transientError) {
            status.setConditions(List.of(new ConditionBuilder().withType("Progressing").withStatus("True")
                    .withReason("TransientError").withMessage("Cinder answered 503").build()));
        }
        created.setStatus(status);
        client.resource(created).updateStatus();
    }
}
