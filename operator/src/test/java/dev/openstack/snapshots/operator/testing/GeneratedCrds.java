package dev.openstack.snapshots.operator.testing;

import dev.openstack.snapshots.operator.api.generation.CrdGeneration;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** CRDs generated from the API classes by the build's {@link CrdGeneration}, exactly as crds/ holds them. */
public final class GeneratedCrds {

    private GeneratedCrds() {
    }

    private static final java.util.Map<Class<?>, CustomResourceDefinition> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

    /** The CRD of {@code kind}, generated once per JVM (generation takes seconds). */
    public static CustomResourceDefinition generate(Class<? extends HasMetadata> kind) {
        return CACHE.computeIfAbsent(kind, k -> generateNow(kind));
    }

    private static CustomResourceDefinition generateNow(Class<? extends HasMetadata> kind) {
        try {
            Path dir = Files.createTempDirectory("crds");
            CrdGeneration.generate(dir, List.of(kind));
            try (Stream<Path> files = Files.list(dir)) {
                Path file = files.findFirst().orElseThrow();
                return Serialization.unmarshal(Files.readString(file), CustomResourceDefinition.class);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
