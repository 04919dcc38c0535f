package dev.openstack.snapshots.sandbox;

import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Kubernetes side of the physical limit: the N object creates plus the fewest status writes an operator needs per
 * object (2: the Cinder id while creating, then OK), made by a plain client against the same API server with the
 * benchmark's create concurrency, before the operator runs (so nothing reconciles these objects).
 */
final class ApiFloor {

    static final String NAMESPACE = "bench-floor";

    private ApiFloor() {
    }

    static RunFigures run(KubernetesClient client, List<String> volumes, int n) throws InterruptedException {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build()).create();
        Map<String, Double> toOk = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        Benchmark.parallel(n, i -> {
            long t = System.nanoTime();
            String name = "floor-" + i;
            OpenStackSnapshot s = Benchmark.snapshot(name, volumes.get(i % volumes.size()));
            s.getMetadata().setNamespace(NAMESPACE);
            client.resource(s).create();
            var status = client.resources(OpenStackSnapshot.class).inNamespace(NAMESPACE).withName(name).subresource("status");
            status.patch(PatchContext.of(PatchType.JSON_MERGE),
                    "{\"status\":{\"state\":\"Creating\",\"backendID\":\"00000000-0000-0000-0000-%012d\"}}".formatted(i));
            status.patch(PatchContext.of(PatchType.JSON_MERGE), "{\"status\":{\"state\":\"OK\"}}");
            toOk.put(name, (System.nanoTime() - t) / 1e6);
        });
        RunFigures figures = RunFigures.of("api-floor (create + 2 status writes)", (System.nanoTime() - start) / 1e9, toOk.values());
        client.namespaces().withName(NAMESPACE).delete();
        Waits.until("namespace " + NAMESPACE + " gone", Duration.ofMinutes(10),
                () -> client.namespaces().withName(NAMESPACE).get() == null);
        return figures;
    }
}
