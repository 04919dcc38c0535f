package dev.openstack.snapshots.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeystoneIT extends SimulatorFixture {

    private static final String UNAUTHORIZED_KEYSTONE =
            "{\"error\":{\"code\":401,\"message\":\"The request you have made requires authentication.\",\"title\":\"Unauthorized\"}}";
    private static final String UNAUTHORIZED_CINDER =
            "{\"error\":{\"code\":401,\"title\":\"Unauthorized\",\"message\":\"The request you have made requires authentication.\"}}";

    @Test
    void passwordAuthByNamesReturnsTokenWithCatalogInRegion() {
        HttpResponse<String> r = client.keystone(SimClient.passwordAuth("admin", "secret"));
        assertEquals(201, r.statusCode());
        assertTrue(r.headers().firstValue("X-Subject-Token").isPresent());
        JsonNode token = SimClient.json(r).path("token");
        assertEquals("password", token.path("methods").get(0).asText());
        assertEquals(sim.projectId(), token.path("project").path("id").asText());
        assertFalse(token.path("expires_at").asText().isEmpty());
        assertFalse(token.path("issued_at").asText().isEmpty());
        assertFalse(token.path("roles").isEmpty());
        List<String> types = new ArrayList<>();
        for (JsonNode service : token.path("catalog")) {
            types.add(service.path("type").asText());
            if (service.path("type").asText().equals("block-storage") || service.path("type").asText().equals("volumev3")) {
                assertEquals(3, service.path("endpoints").size());
                for (JsonNode e : service.path("endpoints")) {
                    assertEquals("RegionOne", e.path("region").asText());
                    assertEquals(sim.volumeEndpoint(), e.path("url").asText());
                }
            }
        }
        assertTrue(types.containsAll(List.of("volumev3", "block-storage", "identity")), types.toString());
    }

    @Test
    void passwordAuthByIdsWorks() {
        String body = """
                {"auth":{"identity":{"methods":["password"],"password":{"user":{"id":"%s","password":"secret"}}},
                "scope":{"project":{"id":"%s"}}}}""".formatted(sim.userId(), sim.projectId());
        assertEquals(201, client.keystone(body).statusCode());
    }

    @Test
    void wrongPasswordUnknownUserAndUnknownProjectAre401WithKeystonesBody() {
        for (String body : List.of(SimClient.passwordAuth("admin", "wrong"), SimClient.passwordAuth("nobody", "secret"),
                SimClient.passwordAuth("admin", "secret").replace("\"name\":\"admin\",\"domain\":{\"name\":\"Default\"}}}}}",
                        "\"name\":\"nope\",\"domain\":{\"name\":\"Default\"}}}}}"))) {
            HttpResponse<String> r = client.keystone(body);
            assertEquals(401, r.statusCode(), body);
            assertEquals(UNAUTHORIZED_KEYSTONE, r.body());
        }
    }

    @Test
    void applicationCredentialByIdAndByNameWithUser() {
        String byId = """
                {"auth":{"identity":{"methods":["application_credential"],
                "application_credential":{"id":"%s","secret":"%s"}}}}""".formatted(sim.applicationCredentialId(),
                sim.applicationCredentialSecret());
        HttpResponse<String> r = client.keystone(byId);
        assertEquals(201, r.statusCode());
        JsonNode token = SimClient.json(r).path("token");
        assertEquals("application_credential", token.path("methods").get(0).asText());
        assertEquals(sim.applicationCredentialName(), token.path("application_credential").path("name").asText());
        String tok = r.headers().firstValue("X-Subject-Token").orElseThrow();
        assertEquals(200, client.cinderWithToken(tok, "GET", "/snapshots", null).statusCode());

        String byName = """
                {"auth":{"identity":{"methods":["application_credential"],"application_credential":{"name":"%s",
                "user":{"name":"admin","domain":{"name":"Default"}},"secret":"%s"}}}}""".formatted(
                sim.applicationCredentialName(), sim.applicationCredentialSecret());
        assertEquals(201, client.keystone(byName).statusCode());

        HttpResponse<String> wrong = client.keystone(byId.replace(sim.applicationCredentialSecret(), "wrong"));
        assertEquals(401, wrong.statusCode());
        assertEquals(UNAUTHORIZED_KEYSTONE, wrong.body());
    }

    @Test
    void bogusAndExpiredTokensGetCindersOwn401() {
        HttpResponse<String> bogus = client.cinderWithToken("bogus", "GET", "/snapshots", null);
        assertEquals(401, bogus.statusCode());
        assertEquals(UNAUTHORIZED_CINDER, bogus.body());
        assertTrue(bogus.headers().firstValue("X-Openstack-Request-Id").orElseThrow().startsWith("req-"));

        assertEquals(200, client.get("/snapshots").statusCode());
        sim.controls().expireTokens();
        HttpResponse<String> expired = client.get("/snapshots");
        assertEquals(401, expired.statusCode());
        assertEquals(UNAUTHORIZED_CINDER, expired.body());
    }

    @Test
    void tokenLifetimeFollowsTheInjectedClock() {
        MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
        try (CinderSimulator own = CinderSimulator.start(SimulatorConfig.defaults().withClock(clock)
                .withTokenLifetime(Duration.ofMinutes(10)))) {
            SimClient c = new SimClient(own);
            HttpResponse<String> r = c.keystone(SimClient.passwordAuth("admin", "secret"));
            assertEquals("2030-01-01T00:10:00.000000Z", SimClient.json(r).path("token").path("expires_at").asText());
            assertEquals(200, c.get("/snapshots").statusCode());
            clock.advance(Duration.ofMinutes(10));
            assertEquals(401, c.get("/snapshots").statusCode());
        }
    }

    @Test
    void versionDocumentAndTokenValidation() {
        HttpResponse<String> v = SimClient.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(sim.authUrl())));
        assertEquals(200, v.statusCode());
        assertEquals("v3.14", SimClient.json(v).path("version").path("id").asText());

        String tok = client.token();
        HttpResponse<String> validated = SimClient.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(sim.authUrl() + "/auth/tokens"))
                .header("X-Auth-Token", tok).header("X-Subject-Token", tok));
        assertEquals(200, validated.statusCode());
        assertEquals(sim.projectId(), SimClient.json(validated).path("token").path("project").path("id").asText());
    }

    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
