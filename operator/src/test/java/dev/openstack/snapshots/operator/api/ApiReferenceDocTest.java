package dev.openstack.snapshots.operator.api;

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
 * docs/api-reference.md is rendered from the checked-in CRDs (every field, its type, constraints and description),
 * so the reference cannot fall behind the API. `mvn -B -pl operator -am verify -Ddocs.update=true` rewrites it.
 */
class ApiReferenceDocTest {

    private static final Path DOC = CrdFiles.moduleDirectory().resolveSibling("docs/api-reference.md");

    @Test
    void apiReferenceMatchesTheCrds() throws IOException {
        String rendered = render();
        if (Boolean.getBoolean("docs.update")) {
            Files.writeString(DOC, rendered);
        }
        assertEquals(rendered, Files.exists(DOC) ? Files.readString(DOC) : "",
                "docs/api-reference.md is out of date: run `mvn -B -pl operator -am verify -Ddocs.update=true` and commit it");
    }

    static String render() throws IOException {
        StringBuilder out = new StringBuilder();
        out.append("# API reference\n\n")
                .append("<!-- Generated from crds/ by ApiReferenceDocTest; do not edit. Regenerate with\n")
                .append("     mvn -B -pl operator -am verify -Ddocs.update=true -->\n\n")
                .append("Group `blockstorage.openstack.dev`, version `v1alpha1`. Every field below is also shown by\n")
                .append("`kubectl explain <kind>.<field>`. Validation marked CEL is enforced by the API server.\n");
        List<Path> crds;
        try (Stream<Path> files = Files.list(CrdFiles.checkedInDirectory())) {
            crds = files.filter(p -> p.toString().endsWith("-v1.yml")).sorted().toList();
        }
        for (Path file : crds) {
            JsonNode crd = new YAMLMapper().readTree(file.toFile());
            JsonNode names = crd.path("spec").path("names");
            JsonNode version = crd.path("spec").path("versions").get(0);
            out.append("\n## ").append(names.path("kind").asText()).append("\n\n");
            out.append("Short names: ").append(joined(names.path("shortNames"), "`")).append("; categories: ")
                    .append(joined(names.path("categories"), "`")).append(".\n\n");
            List<String> columns = new ArrayList<>();
            version.path("additionalPrinterColumns")
                    .forEach(c -> columns.add(c.path("name").asText() + " (`" + c.path("jsonPath").asText() + "`)"));
            out.append("Printer columns: ").append(String.join(", ", columns)).append(".\n\n");
            List<String> selectable = new ArrayList<>();
            version.path("selectableFields").forEach(f -> selectable.add("`" + f.path("jsonPath").asText() + "`"));
            if (!selectable.isEmpty()) {
                out.append("Selectable fields (`kubectl get --field-selector`, Kubernetes 1.31+): ")
                        .append(String.join(", ", selectable)).append(".\n\n");
            }
            JsonNode properties = version.path("schema").path("openAPIV3Schema").path("properties");
            out.append("| field | type | validation | description |\n|---|---|---|---|\n");
            rows(properties.path("spec"), "spec", out);
            rows(properties.path("status"), "status", out);
        }
        return out.toString();
    }

    private static void rows(JsonNode schema, String path, StringBuilder out) {
        List<String> rules = new ArrayList<>();
        schema.path("x-kubernetes-validations").forEach(v -> rules.add("CEL: " + v.path("message").asText()));
        if (!rules.isEmpty() && (path.equals("spec") || path.equals("status"))) {
            out.append("| `").append(path).append("` | object | ").append(cell(String.join("; ", rules))).append(" | |\n");
        }
        schema.path("properties").fields().forEachRemaining(e -> {
            String field = path + "." + e.getKey();
            JsonNode s = e.getValue();
            out.append("| `").append(field).append("` | ").append(type(s)).append(" | ")
                    .append(cell(constraints(s, required(schema, e.getKey())))).append(" | ")
                    .append(cell(s.path("description").asText(""))).append(" |\n");
            // LabelSelector and metav1.Condition are Kubernetes' own types, documented upstream.
            if (!s.path("properties").has("matchLabels") && !e.getKey().equals("conditions")) {
                rows(s, field, out);
                rows(s.path("items"), field + "[]", out);
            }
        });
    }

    private static boolean required(JsonNode parent, String field) {
        for (JsonNode r : parent.path("required")) {
            if (r.asText().equals(field)) {
                return true;
            }
        }
        return false;
    }

    private static String type(JsonNode s) {
        String type = s.path("type").asText("");
        if (type.equals("array")) {
            return "array of " + s.path("items").path("type").asText("object");
        }
        if (type.equals("object") && s.has("additionalProperties")) {
            return "map of " + s.path("additionalProperties").path("type").asText("object");
        }
        return type;
    }

    private static String constraints(JsonNode s, boolean required) {
        List<String> c = new ArrayList<>();
        if (required) {
            c.add("required");
        }
        if (s.has("enum")) {
            c.add("one of " + joined(s.path("enum"), "`"));
        }
        if (s.has("default")) {
            c.add("default `" + s.path("default").asText() + "`");
        }
        if (s.has("minLength") || s.has("maxLength")) {
            c.add("length " + s.path("minLength").asText("0") + ".." + s.path("maxLength").asText("∞"));
        }
        if (s.has("minimum")) {
            c.add("≥ " + s.path("minimum").asLong());
        }
        if (s.has("maximum")) {
            c.add("≤ " + s.path("maximum").asLong());
        }
        if (s.has("pattern")) {
            c.add(s.path("pattern").asText().length() > 60 ? "pattern (see the CRD)" : "pattern `" + s.path("pattern").asText() + "`");
        }
        s.path("x-kubernetes-validations").forEach(v -> c.add("CEL: " + v.path("message").asText()));
        return String.join("; ", c);
    }

    private static String joined(JsonNode array, String quote) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(quote + v.asText() + quote));
        return String.join(", ", values);
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
