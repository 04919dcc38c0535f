package dev.openstack.snapshots.operator.api.generation;

import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotSchedule;
import dev.openstack.snapshots.operator.api.SnapshotRestoration;
import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.file.Path;
import java.util.List;

/**
 * Generates the CRDs of the API classes with fabric8's generator and finishes them with {@link CrdFinishing} (printer
 * column order, the metav1.Condition schema, the kinds' descriptions), which the generator cannot do by itself.
 * The build runs {@link #main} at process-test-classes into target/classes/META-INF/fabric8 (so the jar carries the
 * CRDs); the mock-server tests call {@link #generate} so that they install exactly the same CRDs.
 */
public final class CrdGeneration {

    /** Every kind of the API, one CRD each. */
    public static final List<Class<? extends HasMetadata>> KINDS =
            List.of(OpenStackSnapshot.class, SnapshotRestoration.class, OpenStackSnapshotSchedule.class);

    private CrdGeneration() {
    }

    /** {@code args[0]}: the output directory. */
    public static void main(String[] args) {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: CrdGeneration <output directory>");
        }
        generate(Path.of(args[0]), KINDS);
    }

    /** Writes one {@code <plural>.<group>-v1.yml} per kind into {@code directory}. */
    public static void generate(Path directory, List<Class<? extends HasMetadata>> kinds) {
        try {
            // fabric8's generator refuses a directory that does not exist: on a clean checkout (a Docker build)
            // nothing has made target/classes/META-INF/fabric8 yet.
            java.nio.file.Files.createDirectories(directory);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create " + directory, e);
        }
        new CRDGenerator().inOutputDir(directory.toFile()).forCRDVersions("v1")
                // Byte-identical output from run to run, which the drift check relies on.
                .withParallelGenerationEnabled(false)
                .withPostProcessor(new CrdFinishing(kinds))
                .customResourceClasses(kinds)
                .detailedGenerate();
    }
}
