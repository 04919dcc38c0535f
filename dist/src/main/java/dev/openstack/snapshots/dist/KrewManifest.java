package dev.openstack.snapshots.dist;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The Krew manifest of kubectl-osnap: plugins/osnap.yaml with the version and the archive's sha256 filled in. */
final class KrewManifest {

    static final String TEMPLATE = "plugins/osnap.yaml";
    static final String FILE = "osnap.yaml";

    private KrewManifest() {
    }

    static String render(String template, String version, byte[] archive) {
        if (!template.contains("@SHA256@") || !template.contains("@VERSION@")) {
            throw new IllegalArgumentException(TEMPLATE + " must carry the placeholders @VERSION@ and @SHA256@");
        }
        // Only the manifest proper: the template's leading comment is about the template.
        String manifest = template.substring(template.indexOf("apiVersion:"));
        return manifest.replace("@VERSION@", version).replace("@SHA256@", sha256(archive));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
