package dev.openstack.snapshots.operator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What ARCHITECTURE.md §1 promises about each CRD, read from the generated CRD itself: CEL rules, printer columns,
 * short names, categories, selectable fields, and a description on every spec field (what `kubectl explain` shows).
 * A kind whose class is not on this branch yet is skipped, not passed.
 */
class CrdContentTest {

    static Stream<KindExpectation> kinds() {
        return Stream.of(
                new KindExpectation("openstacksnapshots", "OpenStackSnapshot",
                        List.of("State", "Runtime", "Size", "Source", "Kept-Until", "Age"),
                        List.of("osnap", "ossnap"),
                        List.of(".status.state", ".status.runtimeState", ".status.backendID", ".spec.sourceVolume.id"),
                        List.of("sourceVolume", "backendID", "cloudCredentialsRef"),
                        Map.of("spec", List.of("sourceVolume", "backendID"),
                                "spec.sourceVolume", List.of("self.id", "self.name", "self.persistentVolumeClaimName"),
                                "spec.metadata", List.of("255"))),
                new KindExpectation("snapshotrestorations", "SnapshotRestoration",
                        List.of("Snapshot", "State", "Volume", "Runtime", "Size", "Age"),
                        List.of("osrestore", "snaprestore"),
                        List.of(),
                        List.of("snapshotRef"),
                        Map.of()),
                new KindExpectation("openstacksnapshotschedules", "OpenStackSnapshotSchedule",
                        List.of("Schedule", "Suspend", "Last", "Next", "Count", "Age"),
                        List.of("ossched"),
                        List.of(),
                        List.of(),
                        Map.of("spec", List.of("sourceVolume", "persistentVolumeClaimSelector"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void namesCategoriesAndStatusSubresource(KindExpectation kind) throws IOException {
        JsonNode crd = load(kind);
        JsonNode names = crd.path("spec").path("names");
        assertEquals(kind.kind(), names.path("kind").asText());
        assertEquals("Namespaced", crd.path("spec").path("scope").asText());
        assertEquals(Set.copyOf(kind.shortNames()), texts(names.path("shortNames")), "shortNames");
        assertEquals(Set.of("openstack", "snapshots"), texts(names.path("categories")), "categories");
        JsonNode version = onlyVersion(crd);
        assertEquals("v1alpha1", version.path("name").asText());
        assertTrue(version.path("subresources").has("status"), "status subresource");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void printerColumns(KindExpectation kind) throws IOException {
        Set<String> columns = new TreeSet<>();
        onlyVersion(load(kind)).path("additionalPrinterColumns").forEach(c -> columns.add(c.path("name").asText()));
        assertEquals(new TreeSet<>(kind.printerColumns()), columns);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void selectableFields(KindExpectation kind) throws IOException {
        Set<String> fields = new TreeSet<>();
        onlyVersion(load(kind)).path("selectableFields").forEach(f -> fields.add(f.path("jsonPath").asText()));
        assertTrue(fields.containsAll(kind.selectableFields()),
                "selectableFields " + fields + " lack some of " + kind.selectableFields());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void celRulesArePresent(KindExpectation kind) throws IOException {
        Map<String, List<String>> rules = celRulesByPath(spec(load(kind)), "spec");
        kind.rulesMentioning().forEach((path, fragments) -> assertTrue(
                rules.getOrDefault(path, List.of()).stream().anyMatch(r -> fragments.stream().allMatch(r::contains)),
                "a CEL rule at " + path + " mentioning " + fragments + "; rules are " + rules));
        for (String field : kind.immutableFields()) {
            boolean onField = rules.getOrDefault("spec." + field, List.of()).stream().anyMatch(r -> r.contains("oldSelf"));
            boolean onSpec = rules.getOrDefault("spec", List.of()).stream()
                    .anyMatch(r -> r.contains("oldSelf." + field) && r.contains("self." + field + " =="));
            assertTrue(onField || onSpec, field + " must be immutable through a CEL rule; rules are " + rules);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void everySpecFieldAndTopLevelStatusFieldIsDescribed(KindExpectation kind) throws IOException {
        JsonNode schema = onlyVersion(load(kind)).path("schema").path("openAPIV3Schema").path("properties");
        List<String> undescribed = new ArrayList<>();
        collectUndescribed(schema.path("spec").path("properties"), "spec", true, undescribed);
        collectUndescribed(schema.path("status").path("properties"), "status", false, undescribed);
        assertTrue(undescribed.isEmpty(), "fields without a description: " + undescribed);
    }

    private static void collectUndescribed(JsonNode properties, String path, boolean recurse, List<String> out) {
        properties.fields().forEachRemaining(e -> {
            String fieldPath = path + "." + e.getKey();
            if (!e.getValue().hasNonNull("description")) {
                out.add(fieldPath);
            }
            // A Kubernetes LabelSelector documents itself upstream (kubectl explain knows it); only ours must.
            boolean labelSelector = e.getValue().path("properties").has("matchLabels");
            if (recurse && !labelSelector) {
                collectUndescribed(e.getValue().path("properties"), fieldPath, true, out);
                collectUndescribed(e.getValue().path("items").path("properties"), fieldPath + "[]", true, out);
            }
        });
    }

    private static Map<String, List<String>> celRulesByPath(JsonNode schema, String path) {
        Map<String, List<String>> rules = new LinkedHashMap<>();
        schema.path("x-kubernetes-validations")
                .forEach(v -> rules.computeIfAbsent(path, p -> new ArrayList<>()).add(v.path("rule").asText()));
        schema.path("properties").fields().forEachRemaining(e -> celRulesByPath(e.getValue(), path + "." + e.getKey())
                .forEach((p, r) -> rules.computeIfAbsent(p, k -> new ArrayList<>()).addAll(r)));
        return rules;
    }

    private static JsonNode spec(JsonNode crd) {
        return onlyVersion(crd).path("schema").path("openAPIV3Schema").path("properties").path("spec");
    }

    private static JsonNode onlyVersion(JsonNode crd) {
        JsonNode versions = crd.path("spec").path("versions");
        assertEquals(1, versions.size(), "one served version");
        return versions.get(0);
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> values = new TreeSet<>();
        array.forEach(n -> values.add(n.asText()));
        return values;
    }

    private static JsonNode load(KindExpectation kind) throws IOException {
        Path file = CrdFiles.generatedDirectory().resolve(kind.plural() + ".blockstorage.openstack.dev-v1.yml");
        Assumptions.assumeTrue(Files.exists(file), kind.kind() + " is not on this branch yet");
        return new YAMLMapper().readTree(file.toFile());
    }

    record KindExpectation(String plural, String kind, List<String> printerColumns, List<String> shortNames,
            List<String> selectableFields, List<String> immutableFields, Map<String, List<String>> rulesMentioning) {
        @Override
        public String toString() {
            return kind;
        }
    }
}
