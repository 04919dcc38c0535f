package dev.openstack.snapshots.operator.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.SnapshotState;
import dev.openstack.snapshots.operator.cinder.CinderSnapshot;
import dev.openstack.snapshots.operator.cinder.OwnerTags;
import dev.openstack.snapshots.operator.status.Conditions;
import dev.openstack.snapshots.operator.testing.OperatorHarness;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class SnapshotLifecycleIT {

    static final OperatorHarness h = OperatorHarness.start();

    @AfterAll
    static void stop() {
        h.close();
    }

    @Test
    void createUpdateDelete() {
        String ns = h.newNamespace();
        String volume = h.admin().createVolume("pg-data", 1);
        OpenStackSnapshot s = h.snapshotOf(ns, "pg-before-upgrade", volume);
        s.getSpec().setDescription("before 14 -> 15");
        s.getSpec().setMetadata(Map.of("app", "postgres"));
        h.create(s);

        OpenStackSnapshot ok = h.awaitState(ns, "pg-before-upgrade", SnapshotState.OK);
        var status = ok.getStatus();
        assertNotNull(status.getBackendID());
        assertEquals("available", status.getRuntimeState());
        assertEquals(1024L, status.getSizeMiB());
        assertEquals(volume, status.getSourceVolume().getId());
        assertEquals("pg-data", status.getSourceVolume().getName());
        assertEquals("", status.getErrorMessage());
        assertEquals(ok.getMetadata().getGeneration(), status.getObservedGeneration());
        assertCondition(ok, "Ready", "True", "Success");
        assertCondition(ok, "Progressing", "False", "Success");
        assertTrue(ok.getMetadata().getFinalizers().contains(OpenStackSnapshot.FINALIZER));

        List<CinderSnapshot> inCinder = h.cinderSnapshotsOf(ok);
        assertEquals(1, inCinder.size());
        CinderSnapshot c = inCinder.get(0);
        assertEquals(status.getBackendID(), c.id());
        assertEquals("pg-before-upgrade", c.name());
        assertEquals("before 14 -> 15", c.description());
        assertEquals("postgres", c.metadata().get("app"));
        assertEquals(ns, c.metadata().get(OwnerTags.NAMESPACE));

        h.edit(ns, "pg-before-upgrade", o -> {
            o.getSpec().setName("renamed");
            o.getSpec().setDescription("new text");
            o.getSpec().setMetadata(Map.of("app", "postgres", "tier", "db"));
            return o;
        });
        OpenStackSnapshot updated = h.await(ns, "pg-before-upgrade", o -> o.getStatus().getObservedGeneration() == 2L
                && o.getStatus().getState() == SnapshotState.OK);
        CinderSnapshot after = h.cinder().snapshots().get(status.getBackendID()).orElseThrow();
        assertEquals("renamed", after.name());
        assertEquals("new text", after.description());
        assertEquals(Map.of("app", "postgres", "tier", "db"), DesiredSnapshot.userMetadataOf(after));
        assertEquals(ok.getMetadata().getUid(), after.metadata().get(OwnerTags.UID), "our tags survive a metadata push");
        assertCondition(updated, "Ready", "True", "Success");

        h.delete(ns, "pg-before-upgrade");
        h.awaitGone(ns, "pg-before-upgrade");
        assertTrue(h.cinder().snapshots().get(status.getBackendID()).isEmpty(), "deleted in Cinder");
        assertEquals(List.of("Created", "Ready", "Updated", "Deleted"), h.eventReasons(ns, "pg-before-upgrade"));
    }

    static void assertCondition(OpenStackSnapshot s, String type, String status, String reason) {
        Condition c = Conditions.find(s.getStatus().getConditions(), type).orElse(null);
        assertNotNull(c, type);
        assertEquals(status, c.getStatus(), type + " status");
        assertEquals(reason, c.getReason(), type + " reason");
    }
}
