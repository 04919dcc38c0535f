package dev.openstack.snapshots.operator.restoration;

import static dev.openstack.snapshots.operator.restoration.Restorations.restoration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.openstack.snapshots.operator.api.RestoredVolumeSpec;
import dev.openstack.snapshots.operator.api.SnapshotRestoration;
import dev.openstack.snapshots.operator.cinder.NewVolume;
import dev.openstack.snapshots.operator.cinder.OwnerTags;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RestoredVolumeRequestTest {

    @Test
    void defaultsAreTheObjectNameAndADescriptionNamingTheSnapshot() {
        NewVolume v = RestoredVolumeRequest.of(restoration("pg-restored", "pg-before-upgrade"), "cinder-snap");
        assertEquals("cinder-snap", v.snapshotId());
        assertEquals("pg-restored", v.name());
        assertEquals("Restored from snapshot pg-before-upgrade", v.description());
        assertNull(v.sizeGiB());
        assertNull(v.volumeType());
        assertNull(v.availabilityZone());
        assertEquals(Map.of(OwnerTags.UID, "uid-pg-restored", OwnerTags.NAMESPACE, "team-a",
                OwnerTags.NAME, "pg-restored", OwnerTags.KIND, "SnapshotRestoration"), v.metadata());
    }

    @Test
    void theSpecIsPassedThroughWithOwnerTagsAddedToTheUsersMetadata() {
        SnapshotRestoration r = restoration("r", "s");
        RestoredVolumeSpec spec = new RestoredVolumeSpec();
        spec.setName("pg-data");
        spec.setDescription("for the migration test");
        spec.setSizeGiB(20);
        spec.setVolumeType("ssd");
        spec.setAvailabilityZone("az2");
        spec.setMetadata(Map.of("app", "postgres"));
        r.getSpec().setVolume(spec);
        NewVolume v = RestoredVolumeRequest.of(r, "cinder-snap");
        assertEquals("pg-data", v.name());
        assertEquals("for the migration test", v.description());
        assertEquals(20, v.sizeGiB());
        assertEquals("ssd", v.volumeType());
        assertEquals("az2", v.availabilityZone());
        assertEquals("postgres", v.metadata().get("app"));
        assertEquals("uid-r", v.metadata().get(OwnerTags.UID));
    }
}
