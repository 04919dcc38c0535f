package dev.openstack.snapshots.e2e.cluster;

import java.nio.file.Files;
import java.nio.file.Path;

/** The release artefacts `mvn package` wrote into dist/target (the dist module builds before this one). */
final class DistArtefacts {

    private static final Path DIRECTORY = Path.of(System.getProperty("e2e.dist", "../dist/target")).toAbsolutePath().normalize();
    /** The release version, as the dist module names its files: the project version without -SNAPSHOT. */
    static final String VERSION = System.getProperty("e2e.version", "0.1.0-SNAPSHOT").replace("-SNAPSHOT", "");

    private DistArtefacts() {
    }

    static Path installYaml() {
        return existing(DIRECTORY.resolve("install.yaml"));
    }

    static Path pluginArchive() {
        return existing(DIRECTORY.resolve("kubectl-osnap-" + VERSION + ".tar.gz"));
    }

    private static Path existing(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " is missing: build the dist module first (mvn -B -pl e2e -am verify builds it)");
        }
        return file;
    }
}
