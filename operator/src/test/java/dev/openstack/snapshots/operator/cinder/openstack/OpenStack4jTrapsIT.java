package dev.openstack.snapshots.operator.cinder.openstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openstack.snapshots.operator.cinder.BlockStorage;
import dev.openstack.snapshots.operator.cinder.CinderSnapshot;
import dev.openstack.snapshots.operator.cinder.NewSnapshot;
import dev.openstack.snapshots.operator.cinder.TerminalCinderException;
import dev.openstack.snapshots.operator.cinder.TransientCinderException;
import dev.openstack.snapshots.operator.testing.admin.CinderAdmin;
import dev.openstack.snapshots.operator.testing.SimulatorClouds;
import dev.openstack.snapshots.operator.cloud.CloudConfigurationException;
import dev.openstack.snapshots.operator.cloud.CloudsYaml;
import dev.openstack.snapshots.operator.cloud.OpenStackSettings;
import dev.openstack.snapshots.simulator.CinderSimulator;
import dev.openstack.snapshots.simulator.SimulatorConfig;
import dev.openstack.snapshots.simulator.faults.FaultRule;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openstack4j.api.Builders;
import org.openstack4j.api.OSClient.OSClientV3;
import org.openstack4j.api.exceptions.ClientResponseException;
import org.openstack4j.api.types.Facing;
import org.openstack4j.core.transport.Config;
import org.openstack4j.openstack.OSFactory;

/**
 * One test per openstack4j 3.12 trap, against the simulator over real HTTP. Where it is cheap, the test
 * also runs the plain openstack4j call to show the trap is real; each comment says how the adapter's
 * test failed without the workaround.
 */
class OpenStack4jTrapsIT {

    static CinderSimulator sim;
    static CinderAdmin admin;
    static String volumeId;

    BlockStorage cinder;

    @BeforeAll
    static void start() {
        sim = CinderSimulator.start(SimulatorConfig.defaults().withTransitionDelay(Duration.ofMillis(20)).withQuotas(100, 5000, 100_000));
        admin = CinderAdmin.of(sim);
        volumeId = admin.requestVolume("traps-src", 1);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void connect() {
        sim.controls().clearFaults();
        // rejectedTokenIsRenewedOnce expires every token, the admin's too
        admin = CinderAdmin.of(sim);
        cinder = connect(OpenStackSettings.defaults(), Clock.systemUTC(), SimulatorClouds.yaml(sim, "sim"));
        org.awaitility.Awaitility.await().until(() -> "available".equals(admin.volumeStatus(volumeId)));
    }

    private static BlockStorage connect(OpenStackSettings settings, Clock clock, String yaml) {
        return new OpenStackClouds(settings, clock).connect(CloudsYaml.parse(yaml, "sim", null));
    }

    /** (a) Without the workaround the create sent display_description and failed with Cinder's 400. */
    @Test
    void a_descriptionOnCreateReachesCinder() {
        CinderSnapshot s = cinder.snapshots().create(new NewSnapshot(volumeId, "a", "described", false, Map.of()));
        assertEquals("described", cinder.snapshots().get(s.id()).orElseThrow().description());

        OSClientV3 plain = plainClient();
        ClientResponseException rejected = assertThrows(ClientResponseException.class, () -> plain.blockStorage().snapshots()
                .create(Builders.volumeSnapshot().volume(volumeId).name("a-plain").description("described").build()));
        assertEquals(400, rejected.getStatus());
        assertTrue(rejected.getMessage().contains("'display_description' was unexpected"), rejected.getMessage());
    }

    /**
     * (b) Without the workaround (one OSClient made on the test thread, shared), every worker thread
     * failed with "Unable to retrieve current session" - openstack4j's session is a ThreadLocal.
     */
    @Test
    void b_sixteenThreadsShareOneToken() throws Exception {
        CinderSnapshot s = cinder.snapshots().create(new NewSnapshot(volumeId, "b", null, false, Map.of()));
        sim.controls().resetCounters();
        BlockStorage fresh = connect(OpenStackSettings.defaults(), Clock.systemUTC(), SimulatorClouds.yaml(sim, "sim"));
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            results.add(pool.submit(() -> {
                go.await();
                return fresh.snapshots().get(s.id()).orElseThrow().id();
            }));
        }
        go.countDown();
        for (Future<String> result : results) {
            assertEquals(s.id(), result.get());
        }
        pool.shutdown();
        assertEquals(1, sim.controls().count("keystone.auth"));
        assertEquals(16, sim.controls().count("snapshot.get"));

        OSClientV3 sharedPlain = plainClient();
        Future<?> elsewhere = Executors.newSingleThreadExecutor().submit(() -> sharedPlain.blockStorage().snapshots().get(s.id()));
        Exception e = assertThrows(Exception.class, elsewhere::get);
        assertTrue(String.valueOf(e.getCause().getMessage()).contains("current session"), String.valueOf(e.getCause()));
    }

    /** (c) Without the read timeout the call waited the full hang (openstack4j's default connector has none). */
    @Test
    void c_aHungCinderCallFailsAsTransientWithinTheReadTimeout() {
        OpenStackSettings quick = new OpenStackSettings(Duration.ofSeconds(2), Duration.ofMillis(300), 8, Duration.ofMinutes(5));
        BlockStorage impatient = connect(quick, Clock.systemUTC(), SimulatorClouds.yaml(sim, "sim"));
        impatient.snapshots().list(null, 1);
        sim.controls().addFault(FaultRule.hang("snapshot.get", 1, 5_000));
        TransientCinderException e = assertThrows(TransientCinderException.class,
                () -> impatient.snapshots().get(UUID.randomUUID().toString()));
        assertEquals(0, e.httpStatus());
        assertTrue(e.getMessage().contains("timed out"), e.getMessage());
    }

    /** (d) Without the workaround get() of a missing snapshot handed back null (openstack4j's 404 handling). */
    @Test
    void d_notFoundIsAnExplicitAnswer() {
        String missing = UUID.randomUUID().toString();
        assertTrue(cinder.snapshots().get(missing).isEmpty());
        assertNull(plainClient().blockStorage().snapshots().get(missing), "openstack4j itself returns null");
        TerminalCinderException e = assertThrows(TerminalCinderException.class,
                () -> cinder.snapshots().create(new NewSnapshot(missing, "d", null, false, Map.of())));
        assertEquals(404, e.httpStatus());
        assertTrue(e.getMessage().contains(missing) && e.getMessage().contains("request req-"), e.getMessage());
    }

    /**
     * (e) Without the workaround openstack4j resolved no endpoint for the region, fell back to the
     * Keystone URL, got a 404 there and reported the snapshot as missing.
     */
    @Test
    void e_noBlockStorageInTheRegionIsAClearConfigurationError() {
        String yaml = SimulatorClouds.yaml(sim, "sim").replace("region_name: " + sim.region(), "region_name: Atlantis");
        BlockStorage wrong = connect(OpenStackSettings.defaults(), Clock.systemUTC(), yaml);
        sim.controls().resetCounters();
        CloudConfigurationException e = assertThrows(CloudConfigurationException.class,
                () -> wrong.snapshots().get(UUID.randomUUID().toString()));
        assertTrue(e.getMessage().contains("'Atlantis'") && e.getMessage().contains("'public'"), e.getMessage());
        assertEquals(0, sim.controls().count("snapshot.get"));
    }

    /** (f) openstack4j has no application-credential auth; without our Keystone call this cloud could not connect. */
    @Test
    void f_applicationCredentialsAuthenticate() {
        String yaml = "clouds:\n  sim:\n    auth_type: v3applicationcredential\n    auth:\n      auth_url: " + sim.authUrl()
                + "\n      application_credential_id: " + sim.applicationCredentialId()
                + "\n      application_credential_secret: " + sim.applicationCredentialSecret() + "\n    region_name: " + sim.region() + "\n";
        BlockStorage byAppCredential = connect(OpenStackSettings.defaults(), Clock.systemUTC(), yaml);
        assertTrue(byAppCredential.snapshots().get(UUID.randomUUID().toString()).isEmpty());
    }

    @Test
    void f_wrongPasswordIsTerminal401WithoutThePassword() {
        String yaml = SimulatorClouds.yaml(sim, "sim").replace("password: " + sim.password(), "password: 'Wr0ng-Pa55word'");
        BlockStorage wrong = connect(OpenStackSettings.defaults(), Clock.systemUTC(), yaml);
        TerminalCinderException e = assertThrows(TerminalCinderException.class, () -> wrong.snapshots().list(null, 1));
        assertEquals(401, e.httpStatus());
        assertTrue(e.getMessage().startsWith("Keystone rejected the credentials of cloud 'sim' (HTTP 401"), e.getMessage());
        assertFalse(e.getMessage().contains("Wr0ng-Pa55word"));
    }

    /** (g) openstack4j has no snapshot-metadata call; replace drops keys not given. */
    @Test
    void g_metadataIsReplacedNotMerged() {
        CinderSnapshot s = cinder.snapshots().create(new NewSnapshot(volumeId, "g", null, false, Map.of("old", "1", "keep", "x")));
        assertEquals(Map.of("keep", "y"), cinder.snapshots().replaceMetadata(s.id(), Map.of("keep", "y")));
        assertEquals(Map.of("keep", "y"), cinder.snapshots().get(s.id()).orElseThrow().metadata());
    }

    /** (h) openstack4j drops the paging links; without marker paging only the first 1,000 were seen. */
    @Test
    void h_listingPagesPastOneThousand() {
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 1001; i++) {
            created.add(cinder.snapshots().create(new NewSnapshot(volumeId, "h-" + i, null, false, Map.of())).id());
        }
        Set<String> seen = new HashSet<>();
        String marker = null;
        int pages = 0;
        do {
            var page = cinder.snapshots().list(marker, 1000);
            page.items().forEach(x -> seen.add(x.id()));
            marker = page.nextMarker();
            pages++;
        } while (marker != null);
        assertTrue(seen.containsAll(created));
        assertTrue(pages >= 2, "pages: " + pages);

        // The adoption lookup among those 1,001 is one filtered listing, not a walk through every page:
        // at the pinned 3.0 Cinder ignores the snapshot metadata filter (two pages here, N/1000 in general).
        var tagged = cinder.snapshots().create(new NewSnapshot(volumeId, "h-tagged", null, false, Map.of("h-owner", "me")));
        sim.controls().resetCounters();
        assertEquals(List.of(tagged.id()),
                cinder.snapshots().findByMetadata("h-owner", "me").stream().map(x -> x.id()).toList());
        assertEquals(1, sim.controls().count("snapshot.list"));
    }

    /** A 401 from Cinder (token revoked or expired early) drops the token and the call is tried once more. */
    @Test
    void rejectedTokenIsRenewedOnce() {
        cinder.snapshots().list(null, 1);
        sim.controls().resetCounters();
        sim.controls().expireTokens();
        assertTrue(cinder.snapshots().get(UUID.randomUUID().toString()).isEmpty());
        assertEquals(1, sim.controls().count("keystone.auth"));
    }

    /** The token is renewed before it expires: 10% of its lifetime or the margin, whichever is less. */
    @Test
    void tokenIsRenewedBeforeItExpires() {
        MutableClock clock = new MutableClock(Instant.now());
        BlockStorage timed = connect(OpenStackSettings.defaults(), clock, SimulatorClouds.yaml(sim, "sim"));
        sim.controls().resetCounters();
        timed.snapshots().list(null, 1);
        clock.advance(Duration.ofHours(23));
        timed.snapshots().list(null, 1);
        assertEquals(1, sim.controls().count("keystone.auth"));
        clock.advance(Duration.ofMinutes(56)); // 24 h tokens: renewed 5 min before expiry
        timed.snapshots().list(null, 1);
        assertEquals(2, sim.controls().count("keystone.auth"));
    }

    private static OSClientV3 plainClient() {
        // What a straightforward openstack4j user would do: authenticate with the builder, use the client.
        return OSFactory.builderV3().endpoint(sim.authUrl())
                .credentials(sim.username(), sim.password(), org.openstack4j.model.common.Identifier.byName(sim.domainName()))
                .scopeToProject(org.openstack4j.model.common.Identifier.byName(sim.projectName()),
                        org.openstack4j.model.common.Identifier.byName(sim.domainName()))
                .withConfig(Config.newConfig().withReadTimeout(10_000))
                .perspective(Facing.PUBLIC)
                .authenticate()
                .useRegion(sim.region());
    }

    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

}
