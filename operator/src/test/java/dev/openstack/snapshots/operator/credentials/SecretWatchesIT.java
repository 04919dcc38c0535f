package dev.openstack.snapshots.operator.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openstack.snapshots.operator.api.DeletionPolicy;
import dev.openstack.snapshots.operator.api.SnapshotRestoration;
import dev.openstack.snapshots.operator.api.SnapshotState;
import dev.openstack.snapshots.operator.testing.OperatorHarness;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The operator watches (and caches) only the Secrets its objects name, one watch per Secret, opened with the first
 * user and closed with the last; unrelated Secrets are never cached (issue 14, item 9). A Secret in use is read only
 * from its watch, never by a GET per poll, and the operator's own finalizer write costs no new Keystone token (issue 11).
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
        String volume = h.admin().createVolume("watched", 1);
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

    @Test
    void aRestorationWhoseSnapshotIsGoneReadsItsSecretFromTheWatchNotByAGetPerPoll() throws Exception {
        String ns = h.newNamespace();
        String volume = h.admin().createVolume("restored-from", 1);
        h.create(h.snapshotOf(ns, "source", volume));
        h.awaitState(ns, "source", SnapshotState.OK);
        h.client().resource(OperatorHarness.restorationOf(ns, "copy", "source", DeletionPolicy.Delete)).create();
        OperatorHarness.waiting().until(() -> {
            SnapshotRestoration r = h.client().resources(SnapshotRestoration.class).inNamespace(ns).withName("copy").get();
            return r.getStatus() != null && r.getStatus().getState() == SnapshotState.OK;
        });
        h.delete(ns, "source"); // the restoration keeps following its volume, with the Secret recorded in its status
        h.awaitGone(ns, "source");
        takeRequests();
        long listings = h.simulator().controls().count("volume.list");
        OperatorHarness.waiting().atMost(Duration.ofSeconds(30))
                .until(() -> h.simulator().controls().count("volume.list") >= listings + 3);
        String secretPath = "/api/v1/namespaces/" + ns + "/secrets/" + OperatorHarness.SECRET;
        long gets = takeRequests().stream()
                .filter(r -> "GET".equals(r.getMethod()) && r.getPath() != null && r.getPath().startsWith(secretPath))
                .count();
        assertEquals(0, gets, "three listings of the restoration's cloud read its Secret from the API");

        h.client().resources(SnapshotRestoration.class).inNamespace(ns).withName("copy").delete();
        OperatorHarness.waiting().until(() ->
                h.client().resources(SnapshotRestoration.class).inNamespace(ns).withName("copy").get() == null);
    }

    @Test
    void theInUseFinalizerWriteKeepsTheKeystoneToken() {
        String ns = h.newNamespace();
        String volume = h.admin().createVolume("token", 1);
        long tokens = h.simulator().controls().count("keystone.auth");
        h.create(h.snapshotOf(ns, "first", volume));
        h.awaitState(ns, "first", SnapshotState.OK);
        h.create(h.snapshotOf(ns, "second", volume));
        h.awaitState(ns, "second", SnapshotState.OK);
        assertTrue(h.client().secrets().inNamespace(ns).withName(OperatorHarness.SECRET).get().getMetadata()
                .getFinalizers().contains(SecretFinalizer.IN_USE), "the Secret is held");
        assertEquals(1, h.simulator().controls().count("keystone.auth") - tokens,
                "one token for the namespace's Secret: the finalizer write changed neither clouds.yaml nor cacert");
    }

    private static java.util.List<RecordedRequest> takeRequests() throws InterruptedException {
        java.util.List<RecordedRequest> all = new java.util.ArrayList<>();
        RecordedRequest request;
        while ((request = h.server().takeRequest(1, TimeUnit.MILLISECONDS)) != null) {
            all.add(request);
        }
        return all;
    }
}
