package dev.openstack.snapshots.operator.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotStatus;
import dev.openstack.snapshots.operator.events.TransitionEvents;
import dev.openstack.snapshots.operator.status.StatusPatcher;
import dev.openstack.snapshots.operator.testing.OperatorHarness;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The compare-and-set every create and link relies on: a claim written on a copy of the object that is no longer
 * current is refused by the API server (409), so of two writers deciding on the same state only one wins; plain
 * writes never drop the link or the pending-create mark.
 */
class StatusClaimIT {

    static final OperatorHarness h = OperatorHarness.start();

    @BeforeAll
    static void withoutOperator() {
        h.stopOperator();
    }

    @AfterAll
    static void stop() {
        h.startOperator();
        h.close();
    }

    @Test
    void aClaimOnAStaleCopyIsRefusedAndPlainWritesKeepTheLink() {
        String ns = h.newNamespace();
        OpenStackSnapshot created = h.create(h.snapshotOf(ns, "s", "0b7c1e9a-0000-0000-0000-000000000000"));
        var writer = new StatusPatcher<>(h.client(), OpenStackSnapshot.class,
                new SnapshotStatusRules(Clock.systemUTC(), new TransitionEvents(h.client(), Clock.systemUTC())));

        OpenStackSnapshotStatus mark = new OpenStackSnapshotStatus();
        mark.setCreateRequestedAt("2026-11-27T10:00:00Z");
        OpenStackSnapshot marked = writer.claim(created, mark);
        OpenStackSnapshotStatus other = new OpenStackSnapshotStatus();
        other.setCreateRequestedAt("2026-11-27T10:00:01Z");
        KubernetesClientException conflict = assertThrows(KubernetesClientException.class, () -> writer.claim(created, other),
                "a second writer that decided on the same state loses");
        assertEquals(409, conflict.getCode());

        OpenStackSnapshotStatus link = new OpenStackSnapshotStatus();
        link.setBackendID("9e8d0000-0000-0000-0000-000000000001");
        writer.claim(marked, link);

        OpenStackSnapshotStatus stale = new OpenStackSnapshotStatus(); // what a writer holding the old copy builds
        stale.setErrorMessage("written from an old copy");
        writer.write(created, stale);
        OpenStackSnapshotStatus now = h.get(ns, "s").getStatus();
        assertEquals("written from an old copy", now.getErrorMessage());
        assertEquals("9e8d0000-0000-0000-0000-000000000001", now.getBackendID(), "a plain write never unlinks");
    }
}
