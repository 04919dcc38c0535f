package dev.openstack.snapshots.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** The manifests name a versioned image, the project's release version, never a moving tag like latest. */
class ImageReferencesTest {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();

    /** The parent pom's version without -SNAPSHOT: the tag a release of this checkout would carry. */
    static String releaseVersion() throws Exception {
        Element project = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(ROOT.resolve("pom.xml").toFile()).getDocumentElement();
        for (Node n = project.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals("version")) {
                return e.getTextContent().trim().replace("-SNAPSHOT", "");
            }
        }
        throw new AssertionError("pom.xml has no version");
    }

    @Test
    void deploymentAndDefaultKustomizationNameTheReleaseTag() throws Exception {
        String version = releaseVersion();
        JsonNode deployment = YAML.readTree(ROOT.resolve("config/manager/deployment.yaml").toFile());
        String image = deployment.path("spec").path("template").path("spec").path("containers").get(0).path("image").asText();
        assertEquals("openstack-snapshot-operator:" + version, image);
        JsonNode kustomization = YAML.readTree(ROOT.resolve("config/default/kustomization.yaml").toFile());
        JsonNode images = kustomization.path("images").get(0);
        assertEquals(version, images.path("newTag").asText());
        assertNotEquals("latest", images.path("newTag").asText());
    }
}
