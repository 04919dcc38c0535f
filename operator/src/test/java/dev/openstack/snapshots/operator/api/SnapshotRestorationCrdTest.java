package dev.openstack.snapshots.operator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openstack.snapshots.operator.testing.GeneratedCrds;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SnapshotRestorationCrdTest {

    private final CustomResourceDefinition crd = GeneratedCrds.generate(SnapshotRestoration.class);
    private final CustomResourceDefinitionVersion version = crd.getSpec().getVersions().get(0);
    private final JSONSchemaProps root = version.getSchema().getOpenAPIV3Schema();
    private final JSONSchemaProps spec = root.getProperties().get("spec");

    @Test
    void namesGroupAndScopeAreThoseOfTheContract() {
        assertEquals("snapshotrestorations.blockstorage.openstack.dev", crd.getMetadata().getName());
        assertEquals("Namespaced", crd.getSpec().getScope());
        assertEquals("v1alpha1", version.getName());
        assertEquals(List.of("osrestore", "snaprestore"), crd.getSpec().getNames().getShortNames());
        assertEquals(List.of("openstack", "snapshots"), crd.getSpec().getNames().getCategories());
        assertNotNull(version.getSubresources().getStatus(), "status subresource");
    }

    @Test
    void printerColumnsAreThoseOfTheContract() {
        assertEquals(Set.of("Snapshot", "State", "Volume", "Runtime", "Size", "Claim", "Age"),
                version.getAdditionalPrinterColumns().stream().map(c -> c.getName()).collect(Collectors.toSet()));
    }

    @Test
    void snapshotRefIsRequiredAndImmutable() {
        assertTrue(spec.getRequired().contains("snapshotRef"));
        assertTrue(rules(spec.getProperties().get("snapshotRef")).contains("self == oldSelf"));
    }

    @Test
    void volumeSizeIsAtLeastOneAndStringsAreBounded() {
        Map<String, JSONSchemaProps> volume = spec.getProperties().get("volume").getProperties();
        assertEquals(1.0, volume.get("sizeGiB").getMinimum());
        assertEquals(255L, volume.get("name").getMaxLength());
        assertEquals(255L, volume.get("description").getMaxLength());
        assertTrue(rules(volume.get("metadata")).stream().anyMatch(r -> r.contains("size(k) <= 255")));
    }

    @Test
    void deletionPolicyDefaultsToRetain() {
        JSONSchemaProps policy = spec.getProperties().get("deletionPolicy");
        assertEquals("\"Retain\"", policy.getDefault().toString());
        assertEquals(Set.of("Retain", "Delete"),
                policy.getEnum().stream().map(n -> n.asText()).collect(Collectors.toSet()));
    }

    @Test
    void everyFieldHasADescription() {
        assertDescribed("spec", spec);
        assertDescribed("status", root.getProperties().get("status"));
    }

    private static void assertDescribed(String path, JSONSchemaProps props) {
        if (props.getProperties() == null) {
            return;
        }
        props.getProperties().forEach((field, schema) -> {
            if (!path.endsWith("conditions")) {
                assertTrue(schema.getDescription() != null && !schema.getDescription().isBlank(),
                        "description of " + path + "." + field);
            }
            assertDescribed(path + "." + field, schema);
        });
    }

    private static List<String> rules(JSONSchemaProps props) {
        return props.getXKubernetesValidations() == null ? List.of()
                : props.getXKubernetesValidations().stream().map(ValidationRule::getRule).toList();
    }
}
