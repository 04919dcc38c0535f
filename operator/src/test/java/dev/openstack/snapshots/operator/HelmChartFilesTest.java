package dev.openstack.snapshots.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What the Helm chart must carry as copies (a chart cannot read files outside its directory): the CRDs of crds/, the
 * alert rules of config/prometheus, the release version. The rendered chart is compared with `kustomize build
 * config/default` in the e2e module, where helm is built (HelmChartClusterIT).
 */
class HelmChartFilesTest {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();
    private static final Path CHART = ROOT.resolve("charts/openstack-snapshot-operator");

    @Test
    void chartCrdsAreTheGeneratedOnes() throws IOException {
        List<String> generated;
        try (Stream<Path> files = Files.list(ROOT.resolve("crds"))) {
            generated = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith("-v1.yml")).sorted().toList();
        }
        List<String> inChart;
        try (Stream<Path> files = Files.list(CHART.resolve("crds"))) {
            inChart = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertEquals(generated, inChart);
        for (String crd : generated) {
            assertEquals(Files.readString(ROOT.resolve("crds").resolve(crd)), Files.readString(CHART.resolve("crds").resolve(crd)),
                    crd + " differs: mvn -B -pl operator -am process-test-classes -Pupdate-crds writes both");
        }
    }

    @Test
    void chartAlertRulesAreConfigPrometheusOnes() throws IOException {
        JsonNode config = YAML.readTree(ROOT.resolve("config/prometheus/prometheus-rules.yaml").toFile()).path("spec");
        JsonNode chart = YAML.readTree(CHART.resolve("files/prometheus-rules-spec.yaml").toFile());
        assertEquals(config, chart, "charts/.../files/prometheus-rules-spec.yaml must be the spec of config/prometheus/prometheus-rules.yaml");
    }

    @Test
    void chartVersionIsTheReleaseVersion() throws Exception {
        JsonNode chart = YAML.readTree(CHART.resolve("Chart.yaml").toFile());
        assertEquals(ImageReferencesTest.releaseVersion(), chart.path("version").asText());
        assertEquals(ImageReferencesTest.releaseVersion(), chart.path("appVersion").asText());
        assertEquals("openstack-snapshot-operator", YAML.readTree(CHART.resolve("values.yaml").toFile())
                .path("image").path("repository").asText());
    }
}
