package dev.openstack.snapshots.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The install.yaml `mvn package` wrote. Its full equality with `kustomize build config/default` needs kustomize and
 * is InstallManifestClusterIT's (in .ci/run); here, with the JDK alone, the drift that happens most: a CRD
 * regenerated into crds/ without deploy/install.yaml.
 */
class InstallManifestTest {

    private static final YAMLMapper YAML = new YAMLMapper();

    @Test
    void theBuiltFileIsTheCheckedInRenderingBehindItsHeader() throws IOException {
        String built = Files.readString(DistFiles.TARGET.resolve(InstallManifest.FILE));
        String source = Files.readString(DistFiles.CHECKOUT.resolve(InstallManifest.SOURCE));
        assertTrue(built.endsWith(source), "install.yaml is deploy/install.yaml behind a header");
        assertTrue(built.startsWith("# openstack-snapshot-operator " + DistFiles.VERSION + ":"), built.lines().findFirst().orElse(""));
        assertTrue(built.contains("kubectl apply --server-side -f install.yaml"));
    }

    @Test
    void everyCrdOfCrdsIsInTheManifestUnchanged() throws IOException {
        Map<String, JsonNode> manifest = byKindAndName(Files.readString(DistFiles.CHECKOUT.resolve(InstallManifest.SOURCE)));
        List<Path> crds;
        try (Stream<Path> files = Files.list(DistFiles.CHECKOUT.resolve("crds"))) {
            crds = files.filter(p -> p.getFileName().toString().endsWith("-v1.yml")).sorted().toList();
        }
        assertEquals(3, crds.size(), "crds/ holds the three kinds");
        for (Path crd : crds) {
            JsonNode expected = YAML.readTree(crd.toFile());
            String key = "CustomResourceDefinition/" + expected.path("metadata").path("name").asText();
            // Compared as values: kustomize writes 9.007199254740991E15 as 9007199254740991 and orders keys its way.
            assertTrue(manifest.containsKey(key), key + " is missing from deploy/install.yaml: " + InstallManifest.REGENERATE);
            assertTrue(numbersAsValues(expected).equals(numbersAsValues(manifest.get(key))),
                    crd.getFileName() + " differs from its copy in deploy/install.yaml: " + InstallManifest.REGENERATE);
        }
    }

    @Test
    void theManifestHoldsTheNamespaceRbacAndTheDeploymentWithTheReleaseImage() throws IOException {
        Map<String, JsonNode> manifest = byKindAndName(Files.readString(DistFiles.TARGET.resolve(InstallManifest.FILE)));
        assertTrue(manifest.containsKey("Namespace/openstack-snapshot-system"), manifest.keySet().toString());
        assertTrue(manifest.containsKey("ServiceAccount/openstack-snapshot-operator"));
        assertTrue(manifest.containsKey("ClusterRoleBinding/openstack-snapshot-operator"), manifest.keySet().toString());
        JsonNode deployment = manifest.get("Deployment/openstack-snapshot-operator");
        assertEquals("openstack-snapshot-system", deployment.path("metadata").path("namespace").asText());
        assertEquals("openstack-snapshot-operator:" + DistFiles.VERSION,
                deployment.path("spec").path("template").path("spec").path("containers").get(0).path("image").asText());
    }

    @Test
    void aManifestNamingAnotherTagIsRefused() {
        String stale = "kind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n      - image: openstack-snapshot-operator:0.0.9\n";
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> InstallManifest.render(stale, "0.1.0"));
        assertTrue(refused.getMessage().contains("openstack-snapshot-operator:0.0.9, not tag 0.1.0"), refused.getMessage());
        assertThrows(IllegalArgumentException.class, () -> InstallManifest.render("kind: Namespace\n", "0.1.0"));
        assertTrue(InstallManifest.render(stale.replace("0.0.9", "0.1.0"), "0.1.0").endsWith(stale.replace("0.0.9", "0.1.0")));
    }

    /** The tree with every number as a BigDecimal without trailing zeros, so that 1E1 and 10 compare equal. */
    static JsonNode numbersAsValues(JsonNode node) {
        if (node.isNumber()) {
            return DecimalNode.valueOf(node.decimalValue().stripTrailingZeros());
        }
        if (node instanceof ObjectNode object) {
            ObjectNode copy = object.objectNode();
            object.fields().forEachRemaining(e -> copy.set(e.getKey(), numbersAsValues(e.getValue())));
            return copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = array.arrayNode();
            array.forEach(n -> copy.add(numbersAsValues(n)));
            return copy;
        }
        return node;
    }

    static Map<String, JsonNode> byKindAndName(String yaml) throws IOException {
        Map<String, JsonNode> objects = new TreeMap<>();
        List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (it.hasNext()) {
                documents.add(it.next());
            }
        }
        for (JsonNode d : documents) {
            if (d != null && d.isObject() && !d.isEmpty()) {
                objects.put(d.path("kind").asText() + "/" + d.path("metadata").path("name").asText(), d);
            }
        }
        return objects;
    }
}
