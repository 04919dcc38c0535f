package dev.openstack.snapshots.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What we ship under config/ is stored by the API server exactly as written, so that a second server-side applier
 * (Argo CD syncing after a first `kubectl apply --server-side`) meets no conflict. On kube-apiserver 1.34 two things
 * broke that: an env entry with {@code value: ""} (the server drops empty values) and a fieldRef without apiVersion
 * (the server fills it in, and fieldRef is atomic for server-side apply).
 */
class ServerSideApplyManifestsTest {

    private static final Path CONFIG = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent()
            .resolve("config");

    @Test
    void noValueTheServerWouldDropOrFillIn() throws IOException {
        List<String> problems = new ArrayList<>();
        try (Stream<Path> files = Files.walk(CONFIG)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                for (JsonNode document : new YAMLMapper().readerFor(JsonNode.class).<JsonNode>readValues(file.toFile())
                        .readAll()) {
                    walk(document, CONFIG.relativize(file) + ":", problems);
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    private static void walk(JsonNode node, String path, List<String> problems) {
        if (node.isObject()) {
            if (node.has("name") && node.path("value").isTextual() && node.path("value").asText().isEmpty()) {
                problems.add(path + " " + node.path("name").asText() + ": value \"\" is dropped by the server");
            }
            if (node.has("fieldRef") && !node.path("fieldRef").has("apiVersion")) {
                problems.add(path + " fieldRef without apiVersion, which the server fills in");
            }
            node.fields().forEachRemaining(e -> walk(e.getValue(), path + "." + e.getKey(), problems));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "[" + i + "]", problems);
            }
        }
    }
}
