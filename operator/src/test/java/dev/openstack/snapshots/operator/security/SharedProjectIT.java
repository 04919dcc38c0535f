package dev.openstack.snapshots.operator.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openstack.snapshots.operator.api.DeletionPolicy;
import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.SnapshotState;
import dev.openstack.snapshots.operator.api.SourceVolume;
import dev.openstack.snapshots.operator.cinder.CinderSnapshot;
import dev.openstack.snapshots.operator.cinder.NewSnapshot;
import dev.openstack.snapshots.operator.source.SourceVolumeResolver;
import dev.openstack.snapshots.operator.testing.OperatorHarness;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * SHARED_OPENSTACK_PROJECT=true (namespaces share one OpenStack project): a namespace snapshots only bound cinder-csi
 * claims of its own; sources by Cinder id or name and imports are InvalidConfiguration, and an import is never
 * deleted in Cinder whatever its deletionPolicy.
 */
class SharedProjectIT {

    static final OperatorHarness h = OperatorHarness.start(OperatorHarness.withoutQuotas(),
            OperatorHarness.TEST_SETTINGS.withSharedOpenStackProject(true));

    @AfterAll
    static void stop() {
        h.close();
    }

    @Test
    void onlyClaimsOfTheObjectsNamespaceAreSources() {
        String ns = h.newNamespace();
        String volume = h.admin().createVolume("shared-project-volume", 1);

        h.create(h.snapshotOf(ns, "by-id", volume));
        assertRefused(ns, "by-id", "sourceVolume must be a persistentVolumeClaimName");

        OpenStackSnapshot byName = h.snapshotOf(ns, "by-name", null);
        SourceVolume name = new SourceVolume();
        name.setName("shared-project-volume");
        byName.getSpec().setSourceVolume(name);
        h.create(byName);
        assertRefused(ns, "by-name", "sourceVolume must be a persistentVolumeClaimName");
        assertEquals(0, h.cinderSnapshotsOfVolume(volume).size());

        h.claim(ns, "data", "pv-shared-" + ns, SourceVolumeResolver.CINDER_CSI_DRIVER, volume);
        OpenStackSnapshot byClaim = h.snapshotOf(ns, "by-claim", null);
        SourceVolume claim = new SourceVolume();
        claim.setPersistentVolumeClaimName("data");
        byClaim.getSpec().setSourceVolume(claim);
        h.create(byClaim);
        assertEquals(volume, h.awaitState(ns, "by-claim", SnapshotState.OK).getStatus().getSourceVolume().getId());
    }

    @Test
    void importsAreOffAndNeverDeleted() {
        String ns = h.newNamespace();
        String volume = h.admin().createVolume("shared-project-import", 1);
        CinderSnapshot other = h.cinder().snapshots().create(new NewSnapshot(volume, "someone-elses", null, false, Map.of()));
        OpenStackSnapshot imported = h.snapshotOf(ns, "import", null);
        imported.getSpec().setSourceVolume(null);
        imported.getSpec().setBackendID(other.id());
        imported.getSpec().setDeletionPolicy(DeletionPolicy.Delete);
        h.create(imported);
        assertRefused(ns, "import", "imports (spec.backendID) are turned off");
        h.delete(ns, "import");
        h.awaitGone(ns, "import");
        assertTrue(h.cinder().snapshots().get(other.id()).isPresent(), "deletionPolicy Delete deleted nothing");
    }

    private static void assertRefused(String ns, String name, String why) {
        OpenStackSnapshot erred = h.awaitState(ns, name, SnapshotState.Erred);
        assertTrue(erred.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType())
                && "InvalidConfiguration".equals(c.getReason())), erred.getStatus().toString());
        assertTrue(erred.getStatus().getErrorMessage().contains(why), erred.getStatus().getErrorMessage());
        assertTrue(erred.getStatus().getErrorMessage().contains("SHARED_OPENSTACK_PROJECT=true"));
    }
}
