package dev.openstack.snapshots.operator.monitoring;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.openstack.snapshots.operator.api.SnapshotState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What config/prometheus promises about labels and states, checked against the operator's own enums. */
class PrometheusManifestsTest {

    private static final YAMLMapper YAML = new YAMLMapper();
    static final Path PROMETHEUS = Path.of(System.getProperty("basedir", ".")).toAbsolutePath()
            .resolveSibling("config").resolve("prometheus");

    @Test
    void serviceMonitorKeepsTheObjectsNamespaceLabel() throws IOException {
        JsonNode monitor = YAML.readTree(PROMETHEUS.resolve("service-monitor.yaml").toFile());
        for (JsonNode endpoint : monitor.path("spec").path("endpoints")) {
            assertTrue(endpoint.path("honorLabels").asBoolean(false),
                    "without honorLabels Prometheus renames our namespace label exported_namespace: " + endpoint);
        }
    }

    @Test
    void stuckAlertCoversEveryTransitionalState() throws IOException {
        String expr = rule("OpenStackSnapshotsStuck").path("expr").asText();
        Matcher m = Pattern.compile("state=~\"([^\"]+)\"").matcher(expr);
        assertTrue(m.find(), "the Stuck alert selects states by regex: " + expr);
        Pattern states = Pattern.compile(m.group(1));
        for (SnapshotState state : SnapshotState.values()) {
            boolean transitional = state != SnapshotState.OK && state != SnapshotState.Erred;
            assertTrue(states.matcher(state.name()).matches() == transitional,
                    state + (transitional ? " is transitional and must" : " is not transitional and must not")
                            + " be matched by the Stuck alert: " + expr);
        }
    }

    @Test
    void dashboardConfigMapCarriesTheSidecarLabelAndTheJson() throws IOException {
        Path grafana = PROMETHEUS.resolveSibling("grafana");
        JsonNode generator = YAML.readTree(grafana.resolve("kustomization.yaml").toFile()).path("configMapGenerator").get(0);
        assertTrue("1".equals(generator.path("options").path("labels").path("grafana_dashboard").asText()),
                "Grafana's sidecar loads ConfigMaps labelled grafana_dashboard=1: " + generator);
        String file = generator.path("files").get(0).asText();
        JsonNode dashboard = new com.fasterxml.jackson.databind.ObjectMapper().readTree(grafana.resolve(file).toFile());
        assertTrue(dashboard.path("panels").size() > 0 && !dashboard.path("uid").asText().isEmpty(), file);
    }

    static JsonNode rule(String alert) throws IOException {
        JsonNode rules = YAML.readTree(PROMETHEUS.resolve("prometheus-rules.yaml").toFile());
        for (JsonNode group : rules.path("spec").path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                if (alert.equals(rule.path("alert").asText())) {
                    return rule;
                }
            }
        }
        assertFalse(true, "no alert " + alert);
        return null;
    }
}
