package dev.openstack.snapshots.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The YAML we ship (config/, crds/, examples/) parses, every document names its apiVersion and kind, and every
 * kustomization points at things that exist: cheap checks that catch most broken manifests without a cluster.
 */
class ManifestsTest {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();

    @Test
    void everyManifestParsesAndNamesItsKind() throws IOException {
        List<Path> files = yamlFiles("config", "crds", "examples");
        assertFalse(files.isEmpty());
        for (Path file : files) {
            if (file.getFileName().toString().endsWith("values.yaml")) {
                continue; // Helm values for another chart (config/argocd/argo-cd-chart-values.yaml), not a manifest
            }
            List<JsonNode> documents = documents(file);
            assertFalse(documents.isEmpty(), file + " has no document");
            for (JsonNode document : documents) {
                assertTrue(document.hasNonNull("apiVersion") && document.hasNonNull("kind"),
                        ROOT.relativize(file) + ": every document needs apiVersion and kind");
            }
        }
    }

    @Test
    void kustomizationsReferToExistingFilesAndDirectories() throws IOException {
        for (Path kustomization : yamlFiles("config", "crds")) {
            if (!kustomization.getFileName().toString().equals("kustomization.yaml")) {
                continue;
            }
            for (JsonNode resource : documents(kustomization).get(0).path("resources")) {
                Path target = kustomization.getParent().resolve(resource.asText()).normalize();
                boolean file = Files.isRegularFile(target);
                boolean base = Files.isRegularFile(target.resolve("kustomization.yaml"));
                assertTrue(file || base, ROOT.relativize(kustomization) + " refers to missing " + resource.asText());
            }
        }
    }

    @Test
    void crdKustomizationListsEveryCheckedInCrd() throws IOException {
        Set<String> listed = new TreeSet<>();
        documents(ROOT.resolve("crds/kustomization.yaml")).get(0).path("resources").forEach(r -> listed.add(r.asText()));
        Set<String> present;
        try (Stream<Path> files = Files.list(ROOT.resolve("crds"))) {
            present = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith("-v1.yml"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(present, listed, "crds/kustomization.yaml must list exactly the CRD files in crds/");
    }

    static List<JsonNode> documents(Path file) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            while (it.hasNext()) {
                JsonNode document = it.next();
                if (document != null && !document.isNull() && !document.isEmpty()) {
                    documents.add(document);
                }
            }
        }
        return documents;
    }

    private static List<Path> yamlFiles(String... directories) throws IOException {
        List<Path> files = new ArrayList<>();
        for (String directory : directories) {
            Path dir = ROOT.resolve(directory);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted()
                        .forEach(files::add);
            }
        }
        return files;
    }
}
