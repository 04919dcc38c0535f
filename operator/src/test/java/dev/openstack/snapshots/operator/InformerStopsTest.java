package dev.openstack.snapshots.operator;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

/**
 * A synced informer that stops with an error must not end the JVM of an embedded operator: JOSDK's default handler
 * calls System.exit(1), which ended a CI run in the middle of OneSnapshotPerObjectIT (a crash test closing an in-JVM
 * operator's client; another time a broken websocket frame from the mock server). Were it to exit, this test's JVM
 * would die and surefire would report the crash. Only the operator's own process (Main) asks for the exit.
 */
class InformerStopsTest {

    @Test
    void aStopCausedByOurClosedClientIsOnlyLogged() {
        KubernetesClient client = new KubernetesClientBuilder().build();
        client.close();
        InformerStops stops = new InformerStops(client);
        stops.exitOnFailure();
        stops.onStop(syncedInformer(), new KubernetesClientException("client closed"));
        assertTrue(client.getHttpClient().isClosed());
    }

    @Test
    void anEmbeddedOperatorLogsAFailedInformerInsteadOfExiting() {
        try (KubernetesClient client = new KubernetesClientBuilder().build()) {
            new InformerStops(client).onStop(syncedInformer(), new KubernetesClientException("Invalid UTF-8 in frame TEXT"));
            assertFalse(client.getHttpClient().isClosed());
        }
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
