package dev.openstack.snapshots.operator.api;

import java.nio.file.Path;

/** Where the CRD generator writes (target) and where the reviewed copies live (crds/ at the repository root). */
final class CrdFiles {

    private CrdFiles() {
    }

    static Path moduleDirectory() {
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
    }

    static Path generatedDirectory() {
        return moduleDirectory().resolve("target/classes/META-INF/fabric8");
    }

    static Path checkedInDirectory() {
        return moduleDirectory().resolveSibling("crds").normalize();
    }
}
