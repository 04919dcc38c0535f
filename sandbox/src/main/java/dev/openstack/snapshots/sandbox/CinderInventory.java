package dev.openstack.snapshots.sandbox;

import dev.openstack.snapshots.operator.testing.admin.CinderAdmin;
import com.fasterxml.jackson.databind.JsonNode;
import dev.openstack.snapshots.operator.cinder.OwnerTags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What Cinder holds at one instant, by the owner uid tag the operator writes on everything it creates: snapshots and
 * volumes per owning object, the untagged ones (the source volumes excepted), and how many are still transitional.
 */
record CinderInventory(Map<String, List<String>> snapshotsByOwner, Map<String, List<String>> volumesByOwner,
        List<String> untaggedSnapshots, List<String> untaggedVolumes, int transitional) {

    static CinderInventory read(CinderAdmin cloud, Set<String> sourceVolumes) {
        Map<String, List<String>> snapshots = new TreeMap<>();
        Map<String, List<String>> volumes = new TreeMap<>();
        List<String> untaggedSnapshots = new ArrayList<>();
        List<String> untaggedVolumes = new ArrayList<>();
        int transitional = 0;
        for (JsonNode s : cloud.snapshots()) {
            transitional += transitional(s) ? 1 : 0;
            file(s, snapshots, untaggedSnapshots);
        }
        for (JsonNode v : cloud.volumes()) {
            if (!sourceVolumes.contains(v.path("id").asText())) {
                transitional += transitional(v) ? 1 : 0;
                file(v, volumes, untaggedVolumes);
            }
        }
        return new CinderInventory(snapshots, volumes, untaggedSnapshots, untaggedVolumes, transitional);
    }

    List<String> snapshotsOf(String uid) {
        return snapshotsByOwner.getOrDefault(uid, List.of());
    }

    List<String> volumesOf(String uid) {
        return volumesByOwner.getOrDefault(uid, List.of());
    }

    private static boolean transitional(JsonNode resource) {
        String status = resource.path("status").asText();
        return status.equals("creating") || status.equals("deleting");
    }

    private static void file(JsonNode resource, Map<String, List<String>> byOwner, List<String> untagged) {
        String id = resource.path("id").asText();
        String uid = resource.path("metadata").path(OwnerTags.UID).asText("");
        if (uid.isEmpty()) {
            untagged.add(id);
        } else {
            byOwner.computeIfAbsent(uid, k -> new ArrayList<>()).add(id);
        }
    }
}
