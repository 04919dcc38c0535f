package dev.openstack.snapshots.operator.adoption;

import dev.openstack.snapshots.operator.cinder.OwnerTags;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Sorts the Cinder resources that carry an object's uid tag into the ones that are really its own - every owner tag
 * (kind, namespace, name, uid) equal, and made from the expected parent (the source volume of a snapshot, the
 * snapshot of a restored volume) - and the ones that are not. A uid can be copied into anyone's metadata; the whole
 * set plus the parent is what only the operator writes together, so only that is adopted, or removed as a duplicate.
 */
public final class OwnerMatch {

    /** A tagged Cinder resource: its id, metadata, parent (volume or snapshot id) and creation time. */
    public record Candidate(String id, Map<String, String> metadata, String parentId, Instant createdAt) {
    }

    /** A resource carrying the uid that is not adopted, and why. */
    public record Refusal(String id, String why) {
    }

    /**
     * @param ours oldest first (then by id), so that every process picks the same one to keep
     * @param refused carrying the uid but another owner or parent
     */
    public record Sorted<T>(List<T> ours, List<Refusal> refused) {

        public boolean hasOurs() {
            return !ours.isEmpty();
        }
    }

    private static final Comparator<Candidate> OLDEST_FIRST = Comparator
            .comparing(Candidate::createdAt, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Candidate::id);

    private record Seen<T>(T resource, Candidate candidate) {
    }

    private OwnerMatch() {
    }

    /**
     * @param expectedParent the parent the resource must have been made from; null when not known (then only the
     *     tags are compared)
     */
    public static <T> Sorted<T> sort(OwnerTags owner, String expectedParent, List<T> resources,
            Function<T, Candidate> asCandidate) {
        List<Seen<T>> ours = new ArrayList<>();
        List<Refusal> refused = new ArrayList<>();
        for (T resource : resources) {
            Candidate c = asCandidate.apply(resource);
            Map<String, String> tags = c.metadata();
            if (!owner.uid().equals(tags.get(OwnerTags.UID))) {
                continue;
            }
            String taggedOwner = tags.get(OwnerTags.KIND) + " " + tags.get(OwnerTags.NAMESPACE) + "/"
                    + tags.get(OwnerTags.NAME);
            if (!owner.kind().equals(tags.get(OwnerTags.KIND)) || !owner.namespace().equals(tags.get(OwnerTags.NAMESPACE))
                    || !owner.name().equals(tags.get(OwnerTags.NAME))) {
                refused.add(new Refusal(c.id(), "its owner tags carry this object's uid but name " + taggedOwner));
            } else if (expectedParent != null && !Objects.equals(expectedParent, c.parentId())) {
                refused.add(new Refusal(c.id(), "it was made from " + c.parentId() + ", not from " + expectedParent));
            } else {
                ours.add(new Seen<>(resource, c));
            }
        }
        ours.sort(Comparator.comparing(Seen::candidate, OLDEST_FIRST));
        return new Sorted<>(ours.stream().map(Seen::resource).toList(), List.copyOf(refused));
    }
}
