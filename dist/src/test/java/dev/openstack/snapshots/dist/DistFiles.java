package dev.openstack.snapshots.dist;

import java.nio.file.Path;

/** Where this module's build put the artefacts, and the checkout they came from (surefire's system properties). */
final class DistFiles {

    static final Path CHECKOUT = Path.of(System.getProperty("dist.repository", "..")).toAbsolutePath().normalize();
    static final Path TARGET = Path.of(System.getProperty("dist.target", "target")).toAbsolutePath();
    static final String VERSION = ReleaseArtefacts.releaseVersion(System.getProperty("dist.version", "0.1.0-SNAPSHOT"));

    private DistFiles() {
    }
}
