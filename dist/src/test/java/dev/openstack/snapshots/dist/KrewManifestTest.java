package dev.openstack.snapshots.dist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Krew manifest and the archive it names, as `mvn package` wrote them: GNU tar reads what Krew would unpack. */
class KrewManifestTest {

    private static final Path ARCHIVE = DistFiles.TARGET.resolve(PluginArchive.fileName(DistFiles.VERSION));

    @Test
    void theManifestNamesTheBuiltArchiveByItsSha256() throws IOException {
        JsonNode manifest = new YAMLMapper().readTree(DistFiles.TARGET.resolve(KrewManifest.FILE).toFile());
        assertEquals("krew.googlecontainertools.github.com/v1alpha2", manifest.path("apiVersion").asText());
        assertEquals("Plugin", manifest.path("kind").asText());
        assertEquals("osnap", manifest.path("metadata").path("name").asText());
        assertEquals("v" + DistFiles.VERSION, manifest.path("spec").path("version").asText());
        JsonNode platform = manifest.path("spec").path("platforms").get(0);
        assertEquals(KrewManifest.sha256(Files.readAllBytes(ARCHIVE)), platform.path("sha256").asText());
        assertTrue(platform.path("uri").asText().endsWith("/v" + DistFiles.VERSION + "/" + ARCHIVE.getFileName()),
                platform.path("uri").asText());
        assertFalse(manifest.toString().contains("@"), "no placeholder left: " + manifest);
    }

    @Test
    void theArchiveHoldsTheExecutableScriptAndTheLicenseWhereTheManifestSays(@TempDir Path dir) throws Exception {
        Process tar = new ProcessBuilder("tar", "-xzf", ARCHIVE.toString(), "-C", dir.toString()).redirectErrorStream(true).start();
        assertTrue(tar.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, tar.exitValue(), new String(tar.getInputStream().readAllBytes()));
        JsonNode platform = new YAMLMapper().readTree(DistFiles.TARGET.resolve(KrewManifest.FILE).toFile())
                .path("spec").path("platforms").get(0);
        for (JsonNode file : platform.path("files")) {
            assertTrue(Files.isRegularFile(dir.resolve(file.path("from").asText())), "archive lacks " + file);
        }
        Path bin = dir.resolve(platform.path("bin").asText());
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(bin)));
        String script = Files.readString(DistFiles.CHECKOUT.resolve(PluginArchive.SCRIPT));
        assertEquals(script.replace("@VERSION@", DistFiles.VERSION), Files.readString(bin), "the archive carries plugins/kubectl-osnap");
        assertArrayEquals(Files.readAllBytes(DistFiles.CHECKOUT.resolve("LICENSE")), Files.readAllBytes(dir.resolve("LICENSE")));

        Process version = new ProcessBuilder(bin.toString(), "version").redirectErrorStream(true).start();
        assertTrue(version.waitFor(30, TimeUnit.SECONDS));
        assertEquals("kubectl-osnap " + DistFiles.VERSION, new String(version.getInputStream().readAllBytes()).strip());
    }

    @Test
    void theArchiveIsReproducibleSoTheShaDependsOnContentAlone() throws IOException {
        byte[] again = PluginArchive.of(DistFiles.CHECKOUT, DistFiles.VERSION);
        assertArrayEquals(Files.readAllBytes(ARCHIVE), again);
        byte[] other = TarGz.of(List.of(new TarGz.Entry("kubectl-osnap", "echo other".getBytes(), 0755)));
        assertFalse(KrewManifest.sha256(other).equals(KrewManifest.sha256(again)));
    }
}
