package dev.openstack.snapshots.operator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openstack.snapshots.operator.testing.GeneratedCrds;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class OpenStackSnapshotCrdTest {

    private final CustomResourceDefinition crd = GeneratedCrds.generate(OpenStackSnapshot.class);
    private final CustomResourceDefinitionVersion version = crd.getSpec().getVersions().get(0);
    private final JSONSchemaProps spec = version.getSchema().getOpenAPIV3Schema().getProperties().get("spec");

    @Test
    void namesGroupAndScopeAreThoseOfTheContract() {
        assertEquals("openstacksnapshots.blockstorage.openstack.dev", crd.getMetadata().getName());
        assertEquals("Namespaced", crd.getSpec().getScope());
        assertEquals("v1alpha1", version.getName());
        assertEquals(List.of("osnap", "ossnap"), crd.getSpec().getNames().getShortNames());
        assertEquals(List.of("openstack", "snapshots"), crd.getSpec().getNames().getCategories());
        assertTrue(version.getSubresources().getStatus() != null, "status subresource");
    }

    @Test
    void printerColumnsAndSelectableFieldsArePresent() {
        // fabric8's generator sorts columns by name; crds/ reorders them (platform post-processing).
        assertEquals(Set.of("State", "Runtime", "Size", "Source", "Kept-Until", "Age"),
                version.getAdditionalPrinterColumns().stream().map(c -> c.getName()).collect(Collectors.toSet()));
        assertEquals(Set.of(".status.state", ".status.runtimeState", ".status.backendID", ".spec.sourceVolume.id"),
                version.getSelectableFields().stream().map(f -> f.getJsonPath()).collect(Collectors.toSet()));
    }

    @Test
    void celRulesEnforceExactlyOneSourceAndImmutability() {
        assertTrue(rules(spec).contains("has(self.sourceVolume) != has(self.backendID)"));
        assertTrue(rules(spec).stream().anyMatch(r -> r.contains("oldSelf.sourceVolume")));
        assertTrue(rules(spec.getProperties().get("sourceVolume")).contains("self == oldSelf"));
        assertTrue(rules(spec.getProperties().get("sourceVolume")).stream().anyMatch(r -> r.contains("persistentVolumeClaimName")));
        assertTrue(rules(spec.getProperties().get("backendID")).contains("self == oldSelf"));
        assertTrue(rules(spec.getProperties().get("cloudCredentialsRef")).contains("self == oldSelf"));
        assertTrue(rules(spec.getProperties().get("metadata")).stream().anyMatch(r -> r.contains("size(k) <= 255")));
    }

    @Test
    void lengthsAndDescriptionsAreInTheSchema() {
        assertEquals(255L, spec.getProperties().get("name").getMaxLength());
        assertEquals(255L, spec.getProperties().get("description").getMaxLength());
        spec.getProperties().forEach((field, schema) ->
                assertTrue(schema.getDescription() != null && !schema.getDescription().isBlank(), "description of " + field));
        version.getSchema().getOpenAPIV3Schema().getProperties().get("status").getProperties().forEach((field, schema) ->
                assertTrue(schema.getDescription() != null && !schema.getDescription().isBlank(), "description of status." + field));
    }

    private static List<String> rules(JSONSchemaProps props) {
        return props.getXKubernetesValidations() == null ? List.of()
                : props.getXKubernetesValidations().stream().map(ValidationRule::getRule).toList();
    }
}
