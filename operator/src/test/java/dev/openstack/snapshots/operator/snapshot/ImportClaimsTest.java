package dev.openstack.snapshots.operator.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotSpec;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotStatus;
import dev.openstack.snapshots.operator.cinder.CinderSnapshot;
import dev.openstack.snapshots.operator.cinder.OwnerTags;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImportClaimsTest {

    private static final String ID = "9e8d0000-0000-0000-0000-000000000001";

    private static OpenStackSnapshot object(String ns, String name, String uid, String created, String specId,
            String statusId) {
        OpenStackSnapshot s = new OpenStackSnapshot();
        s.getMetadata().setNamespace(ns);
        s.getMetadata().setName(name);
        s.getMetadata().setUid(uid);
        s.getMetadata().setCreationTimestamp(created);
        s.setSpec(new OpenStackSnapshotSpec());
        s.getSpec().setBackendID(specId);
        s.setStatus(new OpenStackSnapshotStatus());
        s.getStatus().setBackendID(statusId);
        return s;
    }

    private static CinderSnapshot cinder(Map<String, String> metadata) {
        return new CinderSnapshot(ID, "n", null, "available", "vol", 1, metadata, null, null);
    }

    private final OpenStackSnapshot imported = object("hx", "imp", "uid-imp", "2026-11-27T10:00:05Z", ID, null);

    @Test
    void anUntaggedSnapshotNobodyElseNamesMayBeImported() {
        assertEquals(Optional.empty(), ImportClaims.refusal(imported, cinder(Map.of("app", "x")), List.of(imported)));
        assertEquals(Optional.empty(), ImportClaims.refusal(imported, null, List.of()), "not seen yet: only objects count");
    }

    @Test
    void ownerTagsOfAnyOtherObjectRefuseIt() {
        var tags = new OwnerTags("OpenStackSnapshot", "team-a", "pg", "uid-a").asMetadata();
        assertEquals(Optional.of("Cinder snapshot " + ID + " belongs to OpenStackSnapshot team-a/pg (its owner tags): "
                + "it cannot be imported"), ImportClaims.refusal(imported, cinder(tags), List.of()),
                "even when that object is gone or outside the watched namespaces");
        var ownTags = new OwnerTags("OpenStackSnapshot", "hx", "imp", "uid-imp").asMetadata();
        assertEquals(Optional.empty(), ImportClaims.refusal(imported, cinder(ownTags), List.of()));
    }

    @Test
    void anObjectThatCreatedItManagesIt() {
        OpenStackSnapshot creator = object("team-a", "pg", "uid-a", "2026-11-27T11:00:00Z", null, ID);
        Optional<String> refusal = ImportClaims.refusal(imported, null, List.of(imported, creator));
        assertTrue(refusal.orElseThrow().contains("already managed by OpenStackSnapshot team-a/pg"), refusal.toString());
    }

    @Test
    void ofTwoImportsOfOneIdTheEarlierWinsWhicheverDecides() {
        OpenStackSnapshot earlier = object("first", "imp", "uid-z", "2026-11-27T10:00:00Z", ID, null);
        assertTrue(ImportClaims.refusal(imported, null, List.of(imported, earlier)).isPresent());
        assertEquals(Optional.empty(), ImportClaims.refusal(earlier, null, List.of(imported, earlier)));

        OpenStackSnapshot sameSecond = object("other", "imp", "uid-a", "2026-11-27T10:00:05Z", ID, null);
        assertTrue(ImportClaims.refusal(imported, null, List.of(imported, sameSecond)).isPresent(), "then the lower uid");
        assertEquals(Optional.empty(), ImportClaims.refusal(sameSecond, null, List.of(imported, sameSecond)));
    }
}
