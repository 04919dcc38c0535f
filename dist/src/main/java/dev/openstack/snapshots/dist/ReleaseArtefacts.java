package dev.openstack.snapshots.dist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the release artefacts into the build directory, from the checkout and with the JDK alone (no Go tools):
 * install.yaml, the kubectl-osnap archive and its Krew manifest. Run by the dist module's build:
 * {@code ReleaseArtefacts CHECKOUT TARGET PROJECT_VERSION}.
 */
public final class ReleaseArtefacts {

    private ReleaseArtefacts() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: ReleaseArtefacts CHECKOUT TARGET PROJECT_VERSION");
        }
        Path checkout = Path.of(args[0]).toAbsolutePath().normalize();
        Path target = Path.of(args[1]);
        String version = releaseVersion(args[2]);
        Files.createDirectories(target);

        String built = Files.readString(checkout.resolve(InstallManifest.SOURCE));
        Files.writeString(target.resolve(InstallManifest.FILE), InstallManifest.render(built, version));

        byte[] archive = PluginArchive.of(checkout, version);
        Path archiveFile = target.resolve(PluginArchive.fileName(version));
        Files.write(archiveFile, archive);
        String template = Files.readString(checkout.resolve(KrewManifest.TEMPLATE));
        Files.writeString(target.resolve(KrewManifest.FILE), KrewManifest.render(template, version, archive));

        for (String file : List.of(InstallManifest.FILE, archiveFile.getFileName().toString(), KrewManifest.FILE)) {
            System.out.println("[dist] wrote " + target.resolve(file));
        }
    }

    /** The version a release of this checkout carries: the project version without -SNAPSHOT (as the image tags). */
    static String releaseVersion(String projectVersion) {
        return projectVersion.replace("-SNAPSHOT", "");
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
