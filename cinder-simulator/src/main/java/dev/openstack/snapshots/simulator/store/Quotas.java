package dev.openstack.snapshots.simulator.store;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Per-project quota limits (-1 = unlimited) over Cinder's default quota set. */
public final class Quotas {

    /** Cinder's default quota set, in the order Cinder lists it. */
    public static Map<String, Integer> cinderDefaults(int volumes, int snapshots, int gigabytes) {
        Map<String, Integer> d = new LinkedHashMap<>();
        d.put("volumes", volumes);
        d.put("per_volume_gigabytes", -1);
        d.put("snapshots", snapshots);
        d.put("gigabytes", gigabytes);
        d.put("backups", 10);
        d.put("backup_gigabytes", 1000);
        d.put("volumes___DEFAULT__", -1);
        d.put("gigabytes___DEFAULT__", -1);
        d.put("snapshots___DEFAULT__", -1);
        d.put("groups", 10);
        return d;
    }

    private final Map<String, Integer> defaults;
    private final Map<String, Map<String, Integer>> overrides = new ConcurrentHashMap<>();

    public Quotas(Map<String, Integer> defaults) {
        this.defaults = new LinkedHashMap<>(defaults);
    }

    public Map<String, Integer> defaults() {
        return new LinkedHashMap<>(defaults);
    }

    public boolean isKnown(String resource) {
        return defaults.containsKey(resource);
    }

    public Map<String, Integer> limits(String projectId) {
        Map<String, Integer> result = new LinkedHashMap<>(defaults);
        result.putAll(overrides.getOrDefault(projectId, Map.of()));
        return result;
    }

    public int limit(String projectId, String resource) {
        return limits(projectId).get(resource);
    }

    public void set(String projectId, Map<String, Integer> values) {
        overrides.computeIfAbsent(projectId, p -> new ConcurrentHashMap<>()).putAll(values);
    }

    public void reset(String projectId) {
        overrides.remove(projectId);
    }

    public void resetAll() {
        overrides.clear();
    }
}
