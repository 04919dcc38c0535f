package dev.openstack.snapshots.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.TreeMap;

/**
 * Room in a project's Cinder quota for a run: which limits must be raised, and to what, so that the run's own
 * snapshots, volumes and gigabytes fit beside what the project already holds. Only limits that would not hold are
 * raised (to exactly what is used plus what the run needs), so the change is as small as it can be and is undone by
 * setting the previous limits back.
 */
final class QuotaRoom {

    private QuotaRoom() {
    }

    /**
     * @param usage Cinder's {@code quota_set} with usage ({@code GET /os-quota-sets/ID?usage=true}): per resource
     *              {@code limit} (-1 for none), {@code in_use} and {@code reserved}
     * @param needs what the run holds at once, per resource
     * @return the new limits of the resources whose room is too small; empty when the run fits
     */
    static Map<String, Integer> raises(JsonNode usage, Map<String, Integer> needs) {
        Map<String, Integer> raises = new TreeMap<>();
        needs.forEach((resource, need) -> {
            JsonNode quota = usage.path(resource);
            int limit = quota.path("limit").asInt(-1);
            int used = quota.path("in_use").asInt(0) + quota.path("reserved").asInt(0);
            if (limit >= 0 && limit - used < need) {
                raises.put(resource, used + need);
            }
        });
        return raises;
    }

    /** The current limits of {@code resources}: what {@link #raises} changes, to be set back afterwards. */
    static Map<String, Integer> limits(JsonNode usage, Iterable<String> resources) {
        Map<String, Integer> limits = new TreeMap<>();
        resources.forEach(r -> limits.put(r, usage.path(r).path("limit").asInt(-1)));
        return limits;
    }
}
