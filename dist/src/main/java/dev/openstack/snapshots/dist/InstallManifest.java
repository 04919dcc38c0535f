package dev.openstack.snapshots.dist;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * install.yaml: deploy/install.yaml (the checked-in output of {@code kustomize build config/default}; .ci/run's
 * InstallManifestClusterIT fails when it drifts) behind a header saying how to apply it. Refused unless every image
 * it names carries the release tag, so a release never ships a manifest pointing at another version.
 */
final class InstallManifest {

    static final String SOURCE = "deploy/install.yaml";
    static final String FILE = "install.yaml";
    /** A container's image line, first key of its list item or not. */
    private static final Pattern IMAGE = Pattern.compile("^\\s*(?:- )?image:\\s*(\\S+)\\s*$");
    static final String REGENERATE = "kustomize build config/default > deploy/install.yaml";

    private InstallManifest() {
    }

    static String render(String built, String version) {
        List<String> images = built.lines().map(l -> IMAGE.matcher(l)).filter(Matcher::matches)
                .map(m -> m.group(1).replace("\"", "").strip()).toList();
        if (images.isEmpty()) {
            throw new IllegalArgumentException(SOURCE + " names no image: regenerate it (" + REGENERATE + ")");
        }
        for (String image : images) {
            if (!image.endsWith(":" + version)) {
                throw new IllegalArgumentException(SOURCE + " names image " + image + ", not tag " + version
                        + ": set newTag in config/default/kustomization.yaml, then " + REGENERATE);
            }
        }
        String header = """
                # openstack-snapshot-operator %1$s: the CRDs, namespace openstack-snapshot-system, RBAC and the Deployment.
                #   kubectl apply --server-side -f install.yaml
                # Rendered from config/default by kustomize. The image %2$s is not published from the
                # repository: build and push your own (README, "Image") and set it in the Deployment, or install with
                # kustomize (`kustomize edit set image`) or the Helm chart (image.repository).
                """.formatted(version, images.get(0));
        return header + built;
    }
}
