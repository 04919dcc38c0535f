package dev.openstack.snapshots.dist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** kubectl-osnap-VERSION.tar.gz: the plugin script (version filled in, executable) and the LICENSE, as Krew installs them. */
final class PluginArchive {

    static final String SCRIPT = "plugins/kubectl-osnap";

    private PluginArchive() {
    }

    static String fileName(String version) {
        return "kubectl-osnap-" + version + ".tar.gz";
    }

    static byte[] of(Path checkout, String version) throws IOException {
        String script = Files.readString(checkout.resolve(SCRIPT)).replace("@VERSION@", version);
        return TarGz.of(List.of(
                new TarGz.Entry("kubectl-osnap", ReleaseArtefacts.utf8(script), 0755),
                new TarGz.Entry("LICENSE", Files.readAllBytes(checkout.resolve("LICENSE")), 0644)));
    }
}
