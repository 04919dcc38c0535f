package dev.openstack.snapshots.operator.cloud;

import dev.openstack.snapshots.operator.cinder.BlockStorage;
import dev.openstack.snapshots.operator.cinder.CinderSnapshot;
import dev.openstack.snapshots.operator.cinder.CinderVolume;
import dev.openstack.snapshots.operator.cinder.NewSnapshot;
import dev.openstack.snapshots.operator.cinder.NewVolume;
import dev.openstack.snapshots.operator.cinder.openstack.OpenStackClouds;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** Latency of each port call against real Cinder (median of 5 warm rounds); REAL_SMOKE_VOLUME = an available 1 GiB volume. */
@EnabledIfEnvironmentVariable(named = "REAL_SMOKE_VOLUME", matches = ".+")
class RealCloudSmokeTest {

    private final Map<String, List<Double>> times = new LinkedHashMap<>();

    @Test
    void portCallLatencies() throws Exception {
        String yaml = "clouds:\n  lab:\n    auth:\n      auth_url: http://127.0.0.1:5000/v3\n      username: admin\n      password: secret\n"
                + "      project_name: admin\n      user_domain_name: Default\n      project_domain_name: Default\n    region_name: RegionOne\n";
        BlockStorage bs = new OpenStackClouds(OpenStackSettings.defaults(), Clock.systemUTC()).connect(CloudsYaml.parse(yaml, "lab", null));
        String vol = System.getenv("REAL_SMOKE_VOLUME");
        for (int round = 0; round < 6; round++) {
            boolean warm = round > 0;
            CinderSnapshot s = time(warm, "snapshots.create (incl. description update)",
                    () -> bs.snapshots().create(new NewSnapshot(vol, "latency", "d", false, Map.of("k", "v"))));
            while (!bs.snapshots().get(s.id()).orElseThrow().status().equals("available")) {
                Thread.sleep(20);
            }
            time(warm, "snapshots.get", () -> bs.snapshots().get(s.id()));
            time(warm, "snapshots.update", () -> bs.snapshots().update(s.id(), "latency2", "d2"));
            time(warm, "snapshots.replaceMetadata", () -> bs.snapshots().replaceMetadata(s.id(), Map.of("a", "b")));
            time(warm, "snapshots.list(limit 100)", () -> bs.snapshots().list(null, 100));
            time(warm, "snapshots.findByMetadata", () -> bs.snapshots().findByMetadata("a", "b"));
            CinderVolume v = time(warm, "volumes.createFromSnapshot", () -> bs.volumes().createFromSnapshot(new NewVolume(s.id(), "latency-v", null, null, null, null, Map.of())));
            while (!bs.volumes().get(v.id()).orElseThrow().status().equals("available")) {
                Thread.sleep(20);
            }
            time(warm, "volumes.get", () -> bs.volumes().get(v.id()));
            time(warm, "volumes.findByName", () -> bs.volumes().findByName("latency-v"));
            time(warm, "volumes.list(limit 100)", () -> bs.volumes().list(null, 100));
            time(warm, "volumes.delete", () -> bs.volumes().delete(v.id()));
            while (bs.volumes().get(v.id()).isPresent()) {
                Thread.sleep(20);
            }
            time(warm, "snapshots.delete", () -> bs.snapshots().delete(s.id()));
            while (bs.snapshots().get(s.id()).isPresent()) {
                Thread.sleep(20);
            }
            time(warm, "snapshots.get (404)", () -> bs.snapshots().get(s.id()));
        }
        times.forEach((op, list) -> {
            List<Double> sorted = new ArrayList<>(list);
            Collections.sort(sorted);
            System.out.printf("LATENCY %-45s median %6.1f ms  min %6.1f  max %6.1f%n", op, sorted.get(sorted.size() / 2), sorted.get(0), sorted.get(sorted.size() - 1));
        });
    }

    private <T> T time(boolean record, String op, Supplier<T> call) {
        long t0 = System.nanoTime();
        T result = call.get();
        if (record) {
            times.computeIfAbsent(op, k -> new ArrayList<>()).add((System.nanoTime() - t0) / 1e6);
        }
        return result;
    }
}
