package dev.openstack.snapshots.operator.adoption;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.openstack.snapshots.operator.cinder.OwnerTags;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class OwnerMatchTest {

    private static final OwnerTags OWNER = new OwnerTags("OpenStackSnapshot", "team-a", "pg", "uid-1");
    private static final Instant T = Instant.parse("2026-11-27T10:00:00Z");

    private static OwnerMatch.Candidate c(String id, OwnerTags tags, String volume, Instant createdAt) {
        return new OwnerMatch.Candidate(id, tags.asMetadata(), volume, createdAt);
    }

    private static OwnerMatch.Sorted<OwnerMatch.Candidate> sort(String volume, OwnerMatch.Candidate... found) {
        return OwnerMatch.sort(OWNER, volume, List.of(found), Function.identity());
    }

    @Test
    void onlyTheWholeTagSetAndTheSourceVolumeMakeASnapshotOurs() {
        var sorted = sort("vol-1",
                c("ours", OWNER, "vol-1", T),
                c("other-namespace", new OwnerTags("OpenStackSnapshot", "hx", "pg", "uid-1"), "vol-1", T),
                c("other-name", new OwnerTags("OpenStackSnapshot", "team-a", "evil", "uid-1"), "vol-1", T),
                c("other-kind", new OwnerTags("SnapshotRestoration", "team-a", "pg", "uid-1"), "vol-1", T),
                c("other-volume", OWNER, "vol-2", T),
                c("other-uid", new OwnerTags("OpenStackSnapshot", "team-a", "pg", "uid-2"), "vol-1", T));
        assertEquals(List.of("ours"), sorted.ours().stream().map(OwnerMatch.Candidate::id).toList());
        assertEquals(List.of("other-namespace", "other-name", "other-kind", "other-volume"),
                sorted.refused().stream().map(OwnerMatch.Refusal::id).toList(), "a foreign uid is not even mentioned");
        assertEquals("its owner tags carry this object's uid but name OpenStackSnapshot hx/pg", sorted.refused().get(0).why());
        assertEquals("it was made from vol-2, not from vol-1", sorted.refused().get(3).why());
    }

    @Test
    void oursComeOldestFirstThenById() {
        var sorted = sort(null, c("b", OWNER, "v", T), c("a", OWNER, "v", T), c("old", OWNER, "v", T.minusSeconds(1)),
                c("undated", OWNER, "v", null));
        assertEquals(List.of("old", "a", "b", "undated"), sorted.ours().stream().map(OwnerMatch.Candidate::id).toList());
    }

    @Test
    void anUnknownParentComparesTheTagsOnly() {
        assertEquals(1, sort(null, c("x", OWNER, "anything", T)).ours().size());
    }

    @Test
    void untaggedMetadataIsNeitherOursNorRefused() {
        var sorted = OwnerMatch.sort(OWNER, "v", List.of(new OwnerMatch.Candidate("plain", Map.of("app", "x"), "v", T)),
                Function.identity());
        assertEquals(0, sorted.ours().size());
        assertEquals(0, sorted.refused().size());
    }
}
