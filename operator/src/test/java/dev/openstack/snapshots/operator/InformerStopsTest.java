package dev.openstack.snapshots.operator;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

/**
 * A synced informer stopped with an error because our client was closed (a crash test killing an in-JVM operator)
 * must not end the JVM: JOSDK's default handler calls System.exit(1) there, and that ended a CI run in the middle
 * of OneSnapshotPerObjectIT. Were it to exit, this test's JVM would die and surefire would report the crash.
 */
class InformerStopsTest {

    @Test
    void aStopCausedByOurClosedClientIsOnlyLogged() {
        KubernetesClient client = new KubernetesClientBuilder().build();
        client.close();
        new InformerStops(client).onStop(syncedInformer(), new KubernetesClientException("client closed"));
        assertTrue(client.getHttpClient().isClosed());
    }

    @SuppressWarnings("rawtypes")
    private static SharedIndexInformer syncedInformer() {
        return (SharedIndexInformer) Proxy.newProxyInstance(SharedIndexInformer.class.getClassLoader(),
                new Class<?>[] {SharedIndexInformer.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "hasSynced" -> true;
                    case "toString" -> "synced informer";
                    default -> null;
                });
    }
}
