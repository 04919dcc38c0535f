package dev.openstack.snapshots.operator.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.RestoredVolumeSpec;
import dev.openstack.snapshots.operator.api.SnapshotReference;
import dev.openstack.snapshots.operator.api.SnapshotRestoration;
import dev.openstack.snapshots.operator.api.SnapshotRestorationSpec;
import dev.openstack.snapshots.operator.api.SnapshotState;
import dev.openstack.snapshots.operator.testing.OperatorHarness;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** A snapshot whose deletion waits for a restoration keeps the rest of its status, keptUntil included. */
class RestorationHoldIT {

    static final OperatorHarness h = OperatorHarness.start();

    @AfterAll
    static void stop() {
        h.close();
    }

    @Test
    void heldDeletionKeepsKeptUntil() {
        String ns = h.newNamespace();
        String volume = h.admin().createVolume("v-hold", 1);
        String keptUntil = h.clock().instant().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS).toString();
        OpenStackSnapshot s = h.snapshotOf(ns, "s", volume);
        s.getSpec().setKeptUntil(keptUntil);
        h.create(s);
        h.awaitState(ns, "s", SnapshotState.OK);
        assertEquals(Instant.parse(keptUntil).toString(), h.get(ns, "s").getStatus().getKeptUntil());

        h.simulator().controls().setTransitionDelay("volume.create", Duration.ofSeconds(3));
        try {
            SnapshotRestoration r = new SnapshotRestoration();
            r.getMetadata().setNamespace(ns);
            r.getMetadata().setName("r");
            SnapshotRestorationSpec spec = new SnapshotRestorationSpec();
            spec.setSnapshotRef(new SnapshotReference("s"));
            spec.setVolume(new RestoredVolumeSpec());
            r.setSpec(spec);
            h.client().resource(r).create();
            h.waiting().until(() -> {
                SnapshotRestoration live = h.client().resource(r).get();
                return live.getStatus() != null && live.getStatus().getVolumeID() != null;
            });
            h.delete(ns, "s");
            OpenStackSnapshot held = h.await(ns, "s", o -> o.getStatus().getConditions().stream()
                    .anyMatch(c -> "RestorationInProgress".equals(c.getReason())));
            assertEquals(SnapshotState.DeletionScheduled, held.getStatus().getState());
            assertEquals(Instant.parse(keptUntil).toString(), held.getStatus().getKeptUntil(),
                    "the retention in force stays visible while the deletion is held");
        } finally {
            h.simulator().controls().setTransitionDelay("volume.create", Duration.ofMillis(50));
        }
        h.awaitGone(ns, "s");
    }
}
