package dev.openstack.snapshots.operator.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openstack.snapshots.operator.cinder.BlockStorage;
import dev.openstack.snapshots.operator.cinder.CinderSnapshot;
import dev.openstack.snapshots.operator.cinder.DeleteOutcome;
import dev.openstack.snapshots.operator.cinder.NewSnapshot;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

@EnabledIfEnvironmentVariable(named = "REAL_SMOKE_VOLUME", matches = ".+")
class RealCloudSmokeTest {

    @Test
    void createGetDelete() throws Exception {
        String yaml = """
                clouds:
                  lab:
                    auth:
                      auth_url: http://127.0.0.1:5000/v3
                      username: admin
                      password: secret
                      project_name: admin
                      user_domain_name: Default
                      project_domain_name: Default
                    region_name: RegionOne
                """;
        BlockStorage bs = new OpenStackClouds(OpenStackSettings.defaults(), Clock.systemUTC()).connect(CloudsYaml.parse(yaml, "lab", null));
        String vol = System.getenv("REAL_SMOKE_VOLUME");
        long t0 = System.nanoTime();
        CinderSnapshot s = bs.snapshots().create(new NewSnapshot(vol, "smoke", "with description", false, Map.of("k", "v")));
        System.out.println("create ms " + (System.nanoTime() - t0) / 1e6 + " " + s);
        t0 = System.nanoTime();
        Optional<CinderSnapshot> got = bs.snapshots().get(s.id());
        System.out.println("get ms " + (System.nanoTime() - t0) / 1e6 + " " + got);
        assertEquals("with description", got.orElseThrow().description());
        while (!bs.snapshots().get(s.id()).orElseThrow().status().equals("available")) {
            Thread.sleep(50);
        }
        System.out.println(bs.snapshots().replaceMetadata(s.id(), Map.of("a", "b")));
        System.out.println(bs.snapshots().findByMetadata("a", "b"));
        System.out.println(bs.snapshots().list(null, 2));
        assertEquals(DeleteOutcome.DELETING, bs.snapshots().delete(s.id()));
        while (bs.snapshots().get(s.id()).isPresent()) {
            Thread.sleep(50);
        }
        assertEquals(DeleteOutcome.ALREADY_GONE, bs.snapshots().delete(s.id()));
        assertTrue(bs.snapshots().get(s.id()).isEmpty());
    }
}
