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
 * short names, categories, selectable fields, the metav1.Condition shape, and a description on the kind and on every
 * field (what `kubectl explain` shows).
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
                        List.of("Snapshot", "State", "Volume", "Runtime", "Size", "Claim", "Age"),
                        List.of("osrestore", "snaprestore"),
                        List.of(".status.state"),
                        List.of("snapshotRef"),
                        Map.of()),
                new KindExpectation("openstacksnapshotschedules", "OpenStackSnapshotSchedule",
                        List.of("Schedule", "Suspend", "Last", "Next", "Count", "Age"),
                        List.of("ossched"),
                        List.of(".status.state"),
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

    /** In the documented order: kubectl shows the columns in the order of the CRD. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void printerColumnsInTheDocumentedOrder(KindExpectation kind) throws IOException {
        List<String> columns = new ArrayList<>();
        onlyVersion(load(kind)).path("additionalPrinterColumns").forEach(c -> columns.add(c.path("name").asText()));
        assertEquals(kind.printerColumns(), columns);
    }

    /**
     * The API server drops a zero priority: a CRD that states one is stored differently from how it was applied, and
     * a second server-side applier of the same file conflicts on spec.versions.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void printerColumnsStateNoZeroPriority(KindExpectation kind) throws IOException {
        List<String> zero = new ArrayList<>();
        onlyVersion(load(kind)).path("additionalPrinterColumns").forEach(c -> {
            if (c.has("priority") && c.path("priority").asInt() == 0) {
                zero.add(c.path("name").asText());
            }
        });
        assertEquals(List.of(), zero);
    }

    /** kubectl prints a `date` column that lies in the future as {@code <invalid>}: only Age may be a date. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void onlyPastTimestampsArePrintedAsDates(KindExpectation kind) throws IOException {
        List<String> dates = new ArrayList<>();
        onlyVersion(load(kind)).path("additionalPrinterColumns").forEach(c -> {
            if ("date".equals(c.path("type").asText())) {
                dates.add(c.path("name").asText());
            }
        });
        dates.removeAll(List.of("Age", "Last"));
        assertEquals(List.of(), dates, "columns that can lie in the future must not be of type date");
    }

    /** status.conditions in the shape of metav1.Condition, which kubectl wait, Argo CD and kstatus read. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void conditionsAreMetav1Conditions(KindExpectation kind) throws IOException {
        JsonNode conditions = onlyVersion(load(kind)).path("schema").path("openAPIV3Schema").path("properties")
                .path("status").path("properties").path("conditions");
        assertEquals("array", conditions.path("type").asText());
        assertEquals("map", conditions.path("x-kubernetes-list-type").asText());
        assertEquals(Set.of("type"), texts(conditions.path("x-kubernetes-list-map-keys")));
        JsonNode item = conditions.path("items");
        assertEquals(Set.of("type", "status", "lastTransitionTime", "reason", "message"), texts(item.path("required")));
        assertEquals(Set.of("type", "status", "lastTransitionTime", "reason", "message", "observedGeneration"),
                fieldNames(item.path("properties")));
        JsonNode properties = item.path("properties");
        assertEquals(Set.of("True", "False", "Unknown"), texts(properties.path("status").path("enum")));
        assertEquals("date-time", properties.path("lastTransitionTime").path("format").asText());
        assertEquals("integer", properties.path("observedGeneration").path("type").asText());
        assertTrue(properties.path("reason").has("pattern"), "reason has the upstream pattern");
        assertTrue(properties.path("type").has("pattern"), "type has the upstream pattern");
    }

    /**
     * kubectl explain prints the description of whatever it is asked about: the kind itself, spec, status and every
     * field below them, list items' fields included.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void theKindSpecStatusAndEveryFieldAreDescribed(KindExpectation kind) throws IOException {
        JsonNode root = onlyVersion(load(kind)).path("schema").path("openAPIV3Schema");
        List<String> undescribed = new ArrayList<>();
        if (!root.hasNonNull("description")) {
            undescribed.add("(the kind itself)");
        }
        root.path("properties").fields().forEachRemaining(e -> {
            if (!List.of("apiVersion", "kind", "metadata").contains(e.getKey())) {
                collectUndescribed(e.getKey(), e.getValue(), undescribed);
            }
        });
        assertTrue(root.path("properties").has("spec") && root.path("properties").has("status"), "spec and status");
        assertTrue(undescribed.isEmpty(), "fields without a description: " + undescribed);
    }

    private static void collectUndescribed(String path, JsonNode field, List<String> out) {
        if (!field.hasNonNull("description") || field.path("description").asText().isBlank()) {
            out.add(path);
        }
        field.path("properties").fields().forEachRemaining(e -> collectUndescribed(path + "." + e.getKey(), e.getValue(), out));
        field.path("items").path("properties").fields()
                .forEachRemaining(e -> collectUndescribed(path + "[]." + e.getKey(), e.getValue(), out));
        field.path("additionalProperties").path("properties").fields()
                .forEachRemaining(e -> collectUndescribed(path + "{}." + e.getKey(), e.getValue(), out));
    }

    private static Set<String> fieldNames(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
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
