package dev.openstack.snapshots.operator.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.openstack.snapshots.operator.api.SnapshotState;
import dev.openstack.snapshots.operator.testing.OperatorHarness;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The operator watches (and caches) only the Secrets its objects name, one watch per Secret, opened with the first
 * user and closed with the last; unrelated Secrets are never cached (issue 14, item 9).
 */
class SecretWatchesIT {

    static final OperatorHarness h = OperatorHarness.start();

    @AfterAll
    static void stop() {
        h.close();
    }

    @Test
    void onlyTheSecretsInUseAreWatchedAndEachOnlyWhileInUse() {
        String a = h.newNamespace();
        String b = h.newNamespace();
        for (int i = 0; i < 50; i++) { // TLS Secrets the operator has no business with, in the same namespaces
            for (String ns : new String[] {a, b}) {
                h.client().secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName("tls-" + i)
                        .endMetadata().withType("kubernetes.io/tls").addToStringData("tls.crt", "x")
                        .addToStringData("tls.key", "y").build()).create();
            }
        }
        int before = h.operator().secrets().watchedCount();
        String volume = h.admin().createAvailableVolume("watched", 1);
        h.create(h.snapshotOf(a, "a1", volume));
        h.create(h.snapshotOf(a, "a2", volume));
        h.create(h.snapshotOf(b, "b1", volume));
        h.awaitState(a, "a1", SnapshotState.OK);
        h.awaitState(a, "a2", SnapshotState.OK);
        h.awaitState(b, "b1", SnapshotState.OK);
        assertEquals(before + 2, h.operator().secrets().watchedCount(), "one watch per Secret in use");

        h.delete(a, "a1");
        h.awaitGone(a, "a1");
        assertEquals(before + 2, h.operator().secrets().watchedCount(), "a2 still uses a's Secret");
        h.delete(a, "a2");
        h.awaitGone(a, "a2");
        OperatorHarness.waiting().atMost(Duration.ofSeconds(5))
                .until(() -> h.operator().secrets().watchedCount() == before + 1);
        h.delete(b, "b1");
        h.awaitGone(b, "b1");
        OperatorHarness.waiting().atMost(Duration.ofSeconds(5))
                .until(() -> h.operator().secrets().watchedCount() == before);
    }
}
