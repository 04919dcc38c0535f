package dev.openstack.snapshots.operator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every integer field of the generated CRDs, spec and status, has a schema maximum that its Java field
 * holds (issue 14: {@code sizeGiB: 3000000000} passed the schema and no {@code Integer} could read it).
 * The schema is walked together with the classes, so a numeric field added later without a maximum
 * fails here. {@code Long} maxima stop at 2^53 - 1: the API server compares as float64, and a maximum
 * of 2^63 - 1 rounds up to 2^63, which no Long holds.
 */
class NumericMaximaTest {

    private static final Map<Class<?>, Long> HOLDS = Map.of(Integer.class, (long) Integer.MAX_VALUE,
            int.class, (long) Integer.MAX_VALUE, Long.class, NumericLimits.MAX_GENERATION,
            long.class, NumericLimits.MAX_GENERATION);

    static Stream<Class<? extends HasMetadata>> kinds() {
        return Stream.of(OpenStackSnapshot.class, SnapshotRestoration.class, OpenStackSnapshotSchedule.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void everyIntegerFieldHasAMaximumItsJavaTypeHolds(Class<? extends CustomResource<?, ?>> kind) throws IOException {
        JsonNode crd = new YAMLMapper().readTree(crdFile(kind).toFile());
        JsonNode root = crd.path("spec").path("versions").get(0).path("schema").path("openAPIV3Schema").path("properties");
        List<String> integers = new ArrayList<>();
        ParameterizedType resource = (ParameterizedType) kind.getGenericSuperclass();
        walk(root.path("spec"), resource.getActualTypeArguments()[0], "spec", integers);
        walk(root.path("status"), resource.getActualTypeArguments()[1], "status", integers);
        assertTrue(integers.stream().anyMatch(p -> p.startsWith("status.")), "the walk reaches status: " + integers);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void theKnownIntegerFieldsAreAllFound(Class<? extends CustomResource<?, ?>> kind) throws IOException {
        JsonNode crd = new YAMLMapper().readTree(crdFile(kind).toFile());
        JsonNode root = crd.path("spec").path("versions").get(0).path("schema").path("openAPIV3Schema").path("properties");
        List<String> integers = new ArrayList<>();
        ParameterizedType resource = (ParameterizedType) kind.getGenericSuperclass();
        walk(root.path("spec"), resource.getActualTypeArguments()[0], "spec", integers);
        walk(root.path("status"), resource.getActualTypeArguments()[1], "status", integers);
        List<String> expected = Map.of(
                OpenStackSnapshot.class, List.of("status.conditions[].observedGeneration", "status.observedGeneration",
                        "status.restorations[].volumeSizeMiB", "status.sizeMiB"),
                SnapshotRestoration.class, List.of("spec.persistentVolumeClaim.sizeGiB", "spec.volume.sizeGiB", "status.conditions[].observedGeneration",
                        "status.observedGeneration", "status.volumeSizeMiB"),
                OpenStackSnapshotSchedule.class, List.of("spec.retention.maxCount", "status.conditions[].observedGeneration",
                        "status.observedGeneration", "status.snapshotCount")).get(kind);
        assertEquals(expected, integers.stream().sorted().toList());
    }

    private static void walk(JsonNode schema, Type javaType, String path, List<String> integers) {
        String type = schema.path("type").asText();
        Class<?> raw = raw(javaType);
        switch (type) {
            case "integer", "number" -> {
                integers.add(path);
                Long holds = HOLDS.get(raw);
                if (holds == null) {
                    fail(path + ": integer in the schema but " + javaType + " in Java");
                }
                assertTrue(schema.has("maximum"), path + " (" + raw.getSimpleName() + ") has no maximum");
                assertTrue(schema.path("maximum").asDouble() <= holds, path + ": maximum " + schema.path("maximum")
                        + " exceeds what " + raw.getSimpleName() + " holds safely (" + holds + ")");
            }
            case "array" -> walk(schema.path("items"), ((ParameterizedType) javaType).getActualTypeArguments()[0],
                    path + "[]", integers);
            case "object" -> {
                if (Map.class.isAssignableFrom(raw)) {
                    if (schema.has("additionalProperties")) {
                        walk(schema.path("additionalProperties"), ((ParameterizedType) javaType).getActualTypeArguments()[1],
                                path + "{}", integers);
                    }
                    return;
                }
                schema.path("properties").fields().forEachRemaining(p ->
                        walk(p.getValue(), fieldType(raw, p.getKey(), path), path + "." + p.getKey(), integers));
            }
            default -> {
            }
        }
    }

    private static Type fieldType(Class<?> owner, String name, String path) {
        for (Class<?> c = owner; c != null; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (field.getName().equals(name)) {
                    return field.getGenericType();
                }
            }
        }
        return fail(path + "." + name + ": in the schema, but " + owner.getSimpleName() + " has no such field");
    }

    private static Class<?> raw(Type type) {
        return type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
    }

    private static Path crdFile(Class<? extends HasMetadata> kind) {
        return CrdFiles.generatedDirectory().resolve(HasMetadata.getPlural(kind) + "." + HasMetadata.getGroup(kind) + "-v1.yml");
    }
}
