package dev.openstack.snapshots.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openstack.snapshots.operator.cloud.OpenStackSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OperatorSettingsTest {

    @Test
    void defaultsCoverEveryKey() {
        OperatorSettings d = OperatorSettings.defaults();
        assertTrue(d.watchesAllNamespaces());
        assertEquals(Duration.ofSeconds(2), d.fastPollInterval());
        assertEquals(Duration.ofSeconds(60), d.slowPollInterval());
        assertEquals(OpenStackSettings.defaults(), d.openStack());
        OperatorSettings.KEYS.forEach(k -> assertFalse(k.description().isBlank(), k.env()));
    }

    @Test
    void readsEnvironmentVariables() {
        OperatorSettings s = OperatorSettings.from(Map.of("WATCH_NAMESPACES", "team-a, team-b", "FAST_POLL_INTERVAL",
                "500ms", "SLOW_POLL_INTERVAL", "PT5M", "RETRY_MAX_INTERVAL", "1h", "RECONCILE_THREADS", "4"));
        assertEquals(Set.of("team-a", "team-b"), s.watchNamespaces());
        assertEquals(Duration.ofMillis(500), s.fastPollInterval());
        assertEquals(Duration.ofMinutes(5), s.slowPollInterval());
        assertEquals(Duration.ofHours(1), s.retryMaxInterval());
        assertEquals(4, s.reconcileThreads());
    }

    @Test
    void durationsTakeTheGrammarOfSpecs() {
        // retention.keepFor: 1h30m was accepted while RESYNC_INTERVAL=1h30m was refused (issue 11)
        OperatorSettings s = OperatorSettings.from(Map.of("RESYNC_INTERVAL", "1h30m", "RETRY_MAX_INTERVAL", "2m30s",
                "FAST_POLL_INTERVAL", "1s500ms"));
        assertEquals(Duration.ofMinutes(90), s.resyncInterval());
        assertEquals(Duration.ofSeconds(150), s.retryMaxInterval());
        assertEquals(Duration.ofMillis(1500), s.fastPollInterval());
        for (String bad : new String[] {"1.5h", "7d", "90", "0s", "PT"}) {
            var e = assertThrows(IllegalArgumentException.class, () -> OperatorSettings.from(Map.of("RESYNC_INTERVAL", bad)), bad);
            assertTrue(e.getMessage().startsWith("RESYNC_INTERVAL: ") && e.getMessage().contains(bad), e.getMessage());
        }
    }

    @Test
    void readsTheOpenStackConnectionSettings() {
        OperatorSettings s = OperatorSettings.from(Map.of("OPENSTACK_READ_TIMEOUT", "90s", "OPENSTACK_CONNECT_TIMEOUT", "3s",
                "OPENSTACK_MAX_CONCURRENT_CALLS", "2", "OPENSTACK_TOKEN_REFRESH_MARGIN", "10m"));
        assertEquals(new OpenStackSettings(Duration.ofSeconds(3), Duration.ofSeconds(90), 2, Duration.ofMinutes(10)),
                s.openStack());
        assertThrows(IllegalArgumentException.class, () -> OperatorSettings.from(Map.of("OPENSTACK_MAX_CONCURRENT_CALLS", "0")));
    }

    @Test
    void sharedOpenStackProjectIsOffUnlessSaidTrue() {
        assertFalse(OperatorSettings.defaults().sharedOpenStackProject());
        assertTrue(OperatorSettings.from(Map.of("SHARED_OPENSTACK_PROJECT", "True")).sharedOpenStackProject());
        assertFalse(OperatorSettings.from(Map.of("SHARED_OPENSTACK_PROJECT", "false")).sharedOpenStackProject());
        var e = assertThrows(IllegalArgumentException.class, () -> OperatorSettings.from(Map.of("SHARED_OPENSTACK_PROJECT", "yes")));
        assertTrue(e.getMessage().contains("SHARED_OPENSTACK_PROJECT"), "a typo must not silently turn the protection off");
    }

    @Test
    void metricsPortComesFromTheEnvironmentWithADefault() {
        assertEquals(8080, OperatorSettings.metricsPort(Map.of()));
        assertEquals(9090, OperatorSettings.metricsPort(Map.of("METRICS_PORT", "9090")));
        assertThrows(IllegalArgumentException.class, () -> OperatorSettings.metricsPort(Map.of("METRICS_PORT", "http")));
    }

    @Test
    void rejectsNonsenseNamingTheVariable() {
        var e = assertThrows(IllegalArgumentException.class, () -> OperatorSettings.from(Map.of("FAST_POLL_INTERVAL", "soon")));
        assertTrue(e.getMessage().contains("FAST_POLL_INTERVAL"));
        assertThrows(IllegalArgumentException.class, () -> OperatorSettings.from(Map.of("POLLER_THREADS", "0")));
    }
}
