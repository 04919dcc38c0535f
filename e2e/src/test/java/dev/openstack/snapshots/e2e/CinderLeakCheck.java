package dev.openstack.snapshots.e2e;

import dev.openstack.snapshots.operator.testing.admin.CinderAdmin;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * After a test class: Cinder must hold no snapshot or volume of this run (name, or owner namespace in
 * the operator's tags, starting with the run's prefix). Whatever is found is deleted, so one failing run
 * does not leave garbage for the next, and then reported as a failure.
 */
public final class CinderLeakCheck {

    private final CinderAdmin cinder;
    private final String prefix;

    public CinderLeakCheck(CinderAdmin cinder, String prefix) {
        this.cinder = cinder;
        this.prefix = prefix;
    }

    /** @return a description of every leaked resource (empty when clean); leaked resources are deleted. */
    public List<String> sweep() {
        List<JsonNode> volumes = cinder.volumes().stream().filter(ours()).toList();
        List<JsonNode> snapshots = cinder.snapshots().stream().filter(ours()).toList();
        List<String> leaks = new ArrayList<>();
        volumes.forEach(v -> leaks.add(describe("volume", v)));
        snapshots.forEach(s -> leaks.add(describe("snapshot", s)));
        // Volumes made from snapshots first, then snapshots, then source volumes (Cinder refuses to
        // delete a volume that still has snapshots).
        volumes.stream().filter(v -> !v.path("snapshot_id").isNull() && !v.path("snapshot_id").asText().isEmpty())
                .forEach(v -> quietly(() -> cinder.deleteVolumeAndWait(v.path("id").asText())));
        snapshots.forEach(s -> quietly(() -> cinder.deleteSnapshotAndWait(s.path("id").asText())));
        volumes.stream().sorted(Comparator.comparing(v -> v.path("id").asText()))
                .forEach(v -> quietly(() -> cinder.deleteVolumeAndWait(v.path("id").asText())));
        return leaks;
    }

    private Predicate<JsonNode> ours() {
        return resource -> resource.path("name").asText("").startsWith(prefix)
                || resource.path("metadata").path("k8s-owner-namespace").asText("").startsWith(prefix);
    }

    private static String describe(String kind, JsonNode resource) {
        return kind + " " + resource.path("id").asText() + " '" + resource.path("name").asText() + "' status "
                + resource.path("status").asText();
    }

    private static void quietly(Runnable cleanup) {
        try {
            cleanup.run();
        } catch (RuntimeException e) {
            System.err.println("leak cleanup failed: " + e);
        }
    }
}
