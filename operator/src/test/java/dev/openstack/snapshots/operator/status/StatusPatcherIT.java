package dev.openstack.snapshots.operator.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openstack.snapshots.operator.api.CloudCredentialsRef;
import dev.openstack.snapshots.operator.api.SnapshotReference;
import dev.openstack.snapshots.operator.api.SnapshotRestoration;
import dev.openstack.snapshots.operator.api.SnapshotRestorationSpec;
import dev.openstack.snapshots.operator.api.SnapshotRestorationStatus;
import dev.openstack.snapshots.operator.api.SnapshotState;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The one status patcher: diff, JSON patch of the status subresource, 404, transition events, claims, copies. */
class StatusPatcherIT {

    /** A CRUD mock that refuses a stale resourceVersion with 409 on status writes too, as kube-apiserver does. */
    final KubernetesMockServer server = new KubernetesMockServer(new io.fabric8.mockwebserver.Context(),
            new io.fabric8.mockwebserver.MockWebServer(), new java.util.HashMap<>(),
            new dev.openstack.snapshots.operator.testing.StrictStatusDispatcher(), false);
    KubernetesClient client;

    @org.junit.jupiter.api.BeforeEach
    void start() {
        server.init();
        client = server.createClient();
    }

    @org.junit.jupiter.api.AfterEach
    void stop() {
        client.close();
        server.destroy();
    }

    /** Records the transitions it is told about; errorMessage is no change; volumeID changes only by claim. */
    static final class Recording implements StatusPatcher.Rules<SnapshotRestoration, SnapshotRestorationStatus> {
        final List<String> transitions = new ArrayList<>();

        @Override
        public Set<String> notCompared() {
            return Set.of("errorMessage");
        }

        @Override
        public void keepClaimed(SnapshotRestoration live, SnapshotRestorationStatus next) {
            next.setVolumeID(live.getStatus() == null ? null : live.getStatus().getVolumeID());
        }

        @Override
        public Object stateOf(SnapshotRestorationStatus status) {
            return status.getState();
        }

        @Override
        public String errorOf(SnapshotRestorationStatus status) {
            return status.getErrorMessage();
        }

        @Override
        public void announce(SnapshotRestoration r, SnapshotRestorationStatus before, SnapshotRestorationStatus after) {
            transitions.add((before == null ? null : before.getState()) + "->" + after.getState());
        }
    }

    final Recording rules = new Recording();

    StatusPatcher<SnapshotRestoration, SnapshotRestorationStatus> patcher() {
        return new StatusPatcher<>(client, SnapshotRestoration.class, rules);
    }

    SnapshotRestoration created(String name) {
        SnapshotRestoration r = new SnapshotRestoration();
        r.setMetadata(new ObjectMetaBuilder().withNamespace("ns").withName(name).build());
        SnapshotRestorationSpec spec = new SnapshotRestorationSpec();
        spec.setSnapshotRef(new SnapshotReference("snap"));
        r.setSpec(spec);
        return client.resource(r).create();
    }

    static SnapshotRestorationStatus status(SnapshotState state, String error) {
        SnapshotRestorationStatus s = new SnapshotRestorationStatus();
        s.setState(state);
        s.setErrorMessage(error);
        return s;
    }

    @Test
    void writesOnlyWhatChangedAndAnnouncesEachTransitionOnce() {
        var patcher = patcher();
        SnapshotRestoration r = created("r");
        SnapshotRestoration written = patcher.write(r, status(SnapshotState.Creating, null));
        assertEquals(SnapshotState.Creating, client.resource(r).get().getStatus().getState());
        String version = client.resource(r).get().getMetadata().getResourceVersion();

        assertSame(written, patcher.write(written, status(SnapshotState.Creating, "an uncompared field")),
                "nothing to write: the same object comes back");
        assertEquals(version, client.resource(r).get().getMetadata().getResourceVersion());

        patcher.writeQuietly(written, status(SnapshotState.Erred, "503"));
        assertEquals(SnapshotState.Erred, client.resource(r).get().getStatus().getState());
        assertEquals(List.of("null->Creating"), rules.transitions, "a quiet write announces nothing");
    }

    /**
     * The benchmark's figure: a status write used to be a GET and a PATCH. On the copy the reconciler holds it is one
     * PUT with that copy's resourceVersion; when the object changed since, the 409 sends it to the live object.
     */
    @Test
    void aWriteOnTheCurrentCopyIsOneRequestAndAStaleCopyFallsBackToTheLiveObject() {
        var patcher = patcher();
        SnapshotRestoration r = created("one-request");
        int before = server.getRequestCount();
        SnapshotRestoration written = patcher.write(r, status(SnapshotState.Creating, null));
        assertEquals(1, server.getRequestCount() - before, "one PUT, no GET first");
        assertEquals(SnapshotState.Creating, client.resource(r).get().getStatus().getState());

        SnapshotRestorationStatus link = status(SnapshotState.Creating, null);
        link.setVolumeID("vol-9");
        patcher.claim(written, link); // another writer: `written` is stale now
        patcher.write(written, status(SnapshotState.Erred, "from the stale copy"));
        SnapshotRestorationStatus now = client.resource(r).get().getStatus();
        assertEquals(SnapshotState.Erred, now.getState());
        assertEquals("vol-9", now.getVolumeID(), "the claimed field comes from the live object");
    }

    @Test
    void anObjectDeletedMeanwhileIsNothingToRecord() {
        SnapshotRestoration r = created("gone");
        client.resource(r).delete();
        assertSame(r, patcher().write(r, status(SnapshotState.OK, null)));
        assertTrue(rules.transitions.isEmpty());
    }

    @Test
    void aPlainWriteKeepsWhatOnlyAClaimChanges() {
        var patcher = patcher();
        SnapshotRestoration r = created("claimed");
        SnapshotRestorationStatus link = status(SnapshotState.Creating, null);
        link.setVolumeID("vol-1");
        patcher.claim(r, link);
        patcher.write(r, status(SnapshotState.Erred, "from an old copy")); // r still has no status
        SnapshotRestorationStatus now = client.resource(r).get().getStatus();
        assertEquals(SnapshotState.Erred, now.getState());
        assertEquals("vol-1", now.getVolumeID());
    }

    @Test
    void theComparisonLeavesOutWhatTheKindSaysAndNoStatusIsAChange() {
        var patcher = patcher();
        assertFalse(patcher.changed(status(SnapshotState.OK, "a"), status(SnapshotState.OK, "b")));
        assertTrue(patcher.changed(status(SnapshotState.OK, null), status(SnapshotState.Erred, null)));
        assertTrue(patcher.changed(null, status(SnapshotState.OK, null)));
        assertFalse(patcher.changed(null, null));
    }

    /** Every field, present and future, survives a copy: it goes through JSON, never field by field. */
    @Test
    void aCopyKeepsEveryFieldAndSharesNothing() throws Exception {
        SnapshotRestorationStatus full = new SnapshotRestorationStatus();
        int set = 0;
        for (Method m : SnapshotRestorationStatus.class.getMethods()) {
            if (!m.getName().startsWith("set") || m.getParameterCount() != 1) {
                continue;
            }
            Class<?> type = m.getParameterTypes()[0];
            Object value = type == String.class ? m.getName() : type == Long.class ? 42L
                    : type == SnapshotState.class ? SnapshotState.Deleting
                    : type == CloudCredentialsRef.class ? new CloudCredentialsRef("secret", "cloud")
                    : type == List.class ? new ArrayList<>(List.of(new ConditionBuilder().withType("Ready").build()))
                    : null;
            if (value == null) {
                throw new AssertionError("no sample value for " + m + ": add one");
            }
            m.invoke(full, value);
            set++;
        }
        assertTrue(set >= 16, "every setter was exercised");
        SnapshotRestorationStatus copy = StatusPatcher.copyOf(full, SnapshotRestorationStatus::new);
        assertNotSame(full, copy);
        assertNotSame(full.getConditions(), copy.getConditions());
        Map<?, ?> a = client.getKubernetesSerialization().convertValue(full, Map.class);
        Map<?, ?> b = client.getKubernetesSerialization().convertValue(copy, Map.class);
        assertEquals(a, b);
        assertNull(StatusPatcher.copyOf(null, () -> null));
    }
}
