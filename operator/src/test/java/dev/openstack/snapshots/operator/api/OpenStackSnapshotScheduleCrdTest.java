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

class OpenStackSnapshotScheduleCrdTest {

    private final CustomResourceDefinition crd = GeneratedCrds.generate(OpenStackSnapshotSchedule.class);
    private final CustomResourceDefinitionVersion version = crd.getSpec().getVersions().get(0);
    private final JSONSchemaProps root = version.getSchema().getOpenAPIV3Schema();
    private final JSONSchemaProps spec = root.getProperties().get("spec");

    @Test
    void namesGroupAndScopeAreThoseOfTheContract() {
        assertEquals("openstacksnapshotschedules.blockstorage.openstack.dev", crd.getMetadata().getName());
        assertEquals("Namespaced", crd.getSpec().getScope());
        assertEquals("v1alpha1", version.getName());
        assertEquals(List.of("ossched"), crd.getSpec().getNames().getShortNames());
        assertEquals(List.of("openstack", "snapshots"), crd.getSpec().getNames().getCategories());
        assertNotNull(version.getSubresources().getStatus(), "status subresource");
    }

    @Test
    void printerColumns() {
        Map<String, String> columns = version.getAdditionalPrinterColumns().stream()
                .collect(Collectors.toMap(c -> c.getName(), c -> c.getJsonPath()));
        assertEquals(Map.of("Schedule", ".spec.schedule", "Suspend", ".spec.suspend",
                "Last", ".status.lastScheduleTime", "Next", ".status.nextScheduleTime",
                "Count", ".status.snapshotCount", "Age", ".metadata.creationTimestamp"), columns);
    }

    @Test
    void schemaRejectsWhatItCan() {
        assertTrue(rules(spec).contains("has(self.sourceVolume) != has(self.persistentVolumeClaimSelector)"));
        assertEquals(Set.of("cloudCredentialsRef", "schedule"), Set.copyOf(spec.getRequired()));
        assertEquals(CronSyntax.PATTERN, field("schedule").getPattern());
        assertEquals(CronSyntax.TIME_ZONE_PATTERN, field("timeZone").getPattern());
        assertEquals("\"UTC\"", field("timeZone").getDefault().toString());
        JSONSchemaProps retention = field("retention");
        assertEquals(1.0, retention.getProperties().get("maxCount").getMinimum());
        assertEquals(CronSyntax.DURATION_PATTERN, retention.getProperties().get("keepFor").getPattern());
        JSONSchemaProps template = field("snapshotTemplate");
        assertEquals(Set.of("Delete", "Retain"), template.getProperties().get("deletionPolicy")
                .getEnum().stream().map(n -> n.asText()).collect(Collectors.toSet()));
        assertTrue(rules(spec.getProperties().get("sourceVolume")).stream()
                .anyMatch(r -> r.contains("persistentVolumeClaimName")));
    }

    @Test
    void selectorSchemaIsALabelSelector() {
        JSONSchemaProps selector = field("persistentVolumeClaimSelector");
        assertEquals(Set.of("matchLabels", "matchExpressions"), selector.getProperties().keySet());
        JSONSchemaProps requirement = selector.getProperties().get("matchExpressions").getItems().getSchema();
        assertEquals(Set.of("In", "NotIn", "Exists", "DoesNotExist"), requirement.getProperties().get("operator")
                .getEnum().stream().map(n -> n.asText()).collect(Collectors.toSet()));
    }

    @Test
    void everySpecAndStatusFieldIsDescribed() {
        assertDescribed("spec", spec);
        root.getProperties().get("status").getProperties().forEach((name, schema) ->
                assertTrue(schema.getDescription() != null && !schema.getDescription().isBlank(), "status." + name));
    }

    private void assertDescribed(String path, JSONSchemaProps schema) {
        if (schema.getProperties() == null) {
            return;
        }
        schema.getProperties().forEach((name, child) -> {
            assertTrue(child.getDescription() != null && !child.getDescription().isBlank(), path + "." + name);
            assertDescribed(path + "." + name, child);
            if (child.getItems() != null && child.getItems().getSchema() != null) {
                assertDescribed(path + "." + name + "[]", child.getItems().getSchema());
            }
        });
    }

    private JSONSchemaProps field(String name) {
        return spec.getProperties().get(name);
    }

    private static List<String> rules(JSONSchemaProps props) {
        return props.getXKubernetesValidations() == null ? List.of()
                : props.getXKubernetesValidations().stream().map(ValidationRule::getRule).toList();
    }
}
