package dev.openstack.snapshots.e2e.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.openstack.snapshots.e2e.cluster.Commands;
import dev.openstack.snapshots.e2e.cluster.RealCluster;
import dev.openstack.snapshots.e2e.cluster.RealClusterCondition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The kubectl commands of docs/user-guide.md and README.md, run with the real kubectl against the real API server,
 * on objects whose status the test writes itself (no operator runs here: what is checked is what the CRDs make
 * kubectl do): the printer columns in the documented order with a readable Kept-Until, {@code kubectl explain} on the
 * kinds and every field, {@code kubectl get openstack}, and every row of the portal-filter table.
 */
@ExtendWith(RealClusterCondition.class)
class KubectlDocsE2E {

    private static final String NAMESPACE = "filters-e2e";
    private static final String OTHER_NAMESPACE = "filters-e2e-b";
    private static final String V1 = "0b7c1e9a-5d43-4f8e-9a61-0000000000a1";
    private static final String V2 = "0b7c1e9a-5d43-4f8e-9a61-0000000000a2";
    private static final String B1 = "9e8d2c41-7b1a-4c55-8f0e-0000000000b1";
    private static final String B2 = "9e8d2c41-7b1a-4c55-8f0e-0000000000b2";
    private static final String B3 = "9e8d2c41-7b1a-4c55-8f0e-0000000000b3";
    private static final String SCHEDULED = "nightly-pg-202611270300";
    private static final YAMLMapper YAML = new YAMLMapper();

    private static RealCluster cluster;
    /** An admin kubeconfig whose context namespace is {@value #NAMESPACE}, so the docs' commands run verbatim. */
    private static Path kubeconfig;

    @BeforeAll
    static void objectsWithTheStatusesTheFiltersLookFor() throws IOException {
        cluster = RealCluster.fromEnvironment().orElseThrow().installOperator();
        Namespaces.recreate(cluster, NAMESPACE);
        Namespaces.recreate(cluster, OTHER_NAMESPACE);
        kubeconfig = Path.of("target", "filters-e2e.kubeconfig").toAbsolutePath();
        Files.createDirectories(kubeconfig.getParent());
        Files.copy(cluster.kubeconfig(), kubeconfig, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        kubectl("config", "set-context", "--current", "--namespace=" + NAMESPACE).requireSuccess();

        snapshot(NAMESPACE, "web-ok", Map.of("app", "web"), Map.of("id", V1),
                status("OK", "available", B1, "2031-03-01T00:00:00Z", V1));
        snapshot(NAMESPACE, "db-erred", Map.of(), Map.of("name", "pg-data"),
                status("Erred", "error", B2, "2030-01-01T00:00:00Z", V1));
        snapshot(NAMESPACE, SCHEDULED, Map.of("blockstorage.openstack.dev/schedule", "nightly"), Map.of("id", V2),
                status("OK", "available", B3, "2030-06-01T00:00:00Z", V2));
        snapshot(OTHER_NAMESPACE, "other-erred", Map.of(), Map.of("id", V2),
                status("Erred", "error", "9e8d2c41-7b1a-4c55-8f0e-0000000000b4", null, V2));
        apply(NAMESPACE, """
                apiVersion: blockstorage.openstack.dev/v1alpha1
                kind: SnapshotRestoration
                metadata: {name: restore-erred}
                spec: {snapshotRef: {name: db-erred}}
                """, Map.of("state", "Erred", "errorMessage", "quota exceeded"));
        apply(NAMESPACE, """
                apiVersion: blockstorage.openstack.dev/v1alpha1
                kind: OpenStackSnapshotSchedule
                metadata: {name: nightly}
                spec:
                  cloudCredentialsRef: {secretName: openstack-clouds, cloudName: openstack}
                  sourceVolume: {id: %s}
                  schedule: "0 3 * * *"
                """.formatted(V2), Map.of("state", "Erred", "errorMessage", "bad"));
    }

    @AfterAll
    static void removeNamespaces() {
        Namespaces.delete(cluster, NAMESPACE);
        Namespaces.delete(cluster, OTHER_NAMESPACE);
    }

    /** README and user guide: State, Runtime, Size, Source, Kept-Until, Age; Kept-Until as written, never {@code <invalid>}. */
    @Test
    void getOsnapShowsTheDocumentedColumnsAndAReadableKeptUntil() throws IOException {
        List<String> lines = kubectl("get", "osnap", "web-ok").requireSuccess().stdout().lines().toList();
        assertEquals(List.of("NAME", "STATE", "RUNTIME", "SIZE", "SOURCE", "KEPT-UNTIL", "AGE"),
                Arrays.asList(lines.get(0).trim().split("\\s+")));
        List<String> row = Arrays.asList(lines.get(1).trim().split("\\s+"));
        assertEquals(List.of("web-ok", "OK", "available", "10240", V1, "2031-03-01T00:00:00Z"), row.subList(0, 6));
        String readme = Files.readString(cluster.repository().resolve("README.md"));
        assertTrue(readme.lines().anyMatch(l -> Arrays.asList(l.trim().split("\\s+")).equals(
                Arrays.asList(lines.get(0).trim().split("\\s+")))), "README shows the same header as kubectl");
        assertFalse(kubectl("get", "osnap", "-A").requireSuccess().stdout().contains("<invalid>"));
    }

    @Test
    void getOpenstackListsTheThreeKinds() {
        Set<String> kinds = new TreeSet<>();
        kubectl("get", "openstack", "-o", "name").requireSuccess().stdout().lines()
                .forEach(l -> kinds.add(l.substring(0, l.indexOf('/'))));
        assertEquals(Set.of("openstacksnapshot.blockstorage.openstack.dev",
                "snapshotrestoration.blockstorage.openstack.dev",
                "openstacksnapshotschedule.blockstorage.openstack.dev"), kinds);
    }

    /**
     * {@code kubectl explain} prints a description for each kind, for spec and status, and for every field below
     * them: the kind and every object field are explained, and each field listed must show its description.
     */
    @TestFactory
    Stream<DynamicTest> explainDescribesTheKindsAndEveryField() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(cluster.repository().resolve("crds"))) {
            for (Path file : files.filter(p -> p.toString().endsWith("-v1.yml")).sorted().toList()) {
                JsonNode crd = YAML.readTree(file.toFile());
                String plural = crd.path("spec").path("names").path("plural").asText();
                JsonNode root = crd.path("spec").path("versions").get(0).path("schema").path("openAPIV3Schema");
                explainTargets(plural, root, tests);
            }
        }
        return tests.stream();
    }

    private static void explainTargets(String path, JsonNode schema, List<DynamicTest> tests) {
        JsonNode object = schema.has("items") ? schema.path("items") : schema;
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        object.path("properties").fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue()));
        if (!path.contains(".")) {
            fields.keySet().removeAll(List.of("apiVersion", "kind", "metadata"));
        }
        tests.add(dynamicTest("kubectl explain " + path, () -> {
            String shown = explain(path);
            String description = schema.path("description").asText("");
            assertFalse(description.isBlank(), path + " has a description in the CRD");
            assertTrue(shown.contains("DESCRIPTION: " + start(description)), path + ": " + shown);
            for (Map.Entry<String, JsonNode> field : fields.entrySet()) {
                String text = field.getValue().path("description").asText("");
                assertFalse(text.isBlank(), path + "." + field.getKey() + " has a description in the CRD");
                assertTrue(shown.contains(field.getKey()) && shown.contains(start(text)),
                        "kubectl explain " + path + " shows " + field.getKey() + " with its description: " + shown);
            }
        }));
        fields.forEach((name, field) -> {
            JsonNode inner = field.has("items") ? field.path("items") : field;
            if (inner.has("properties")) {
                explainTargets(path + "." + name, field, tests);
            }
        });
    }

    /**
     * Every row of the portal-filter table of docs/user-guide.md, run as written (placeholders filled in), returns
     * exactly the objects it should; a row this test does not know fails, so the table cannot grow untested.
     */
    @TestFactory
    Stream<DynamicTest> everyPortalFilterRowReturnsExactlyItsObjects() throws IOException {
        Map<String, Row> expected = new LinkedHashMap<>();
        expected.put("`state=Erred`", new Row(Map.of(), List.of("db-erred")));
        expected.put("`runtime_state=error`", new Row(Map.of(), List.of("db-erred")));
        expected.put("`backend_id=<id>`", new Row(Map.of("<id>", B1), List.of("web-ok")));
        expected.put("`source_volume=<id>`", new Row(Map.of("<id>", V1), List.of("web-ok")));
        // Named by volume id or by name (db-erred's name resolved to V1): both.
        expected.put("source volume, whatever way it was named", new Row(Map.of("<id>", V1), List.of("web-ok", "db-erred")));
        expected.put("`name=<name>`", new Row(Map.of("<name>", "web-ok"), List.of("web-ok")));
        expected.put("`name` contains", new Row(Map.of("<text>", "db-"), List.of("db-erred")));
        // Sorted by keptUntil, oldest first.
        expected.put("`kept_until` before a date", new Row(Map.of(), List.of("db-erred", SCHEDULED, "web-ok")));
        expected.put("created by a schedule", new Row(Map.of("<schedule>", "nightly"), List.of(SCHEDULED)));
        expected.put("your own grouping (team, app)", new Row(Map.of(), List.of("web-ok")));
        expected.put("errors of all kinds", new Row(Map.of(), List.of(
                NAMESPACE + "/openstacksnapshot.blockstorage.openstack.dev/db-erred",
                NAMESPACE + "/snapshotrestoration.blockstorage.openstack.dev/restore-erred",
                NAMESPACE + "/openstacksnapshotschedule.blockstorage.openstack.dev/nightly",
                OTHER_NAMESPACE + "/openstacksnapshot.blockstorage.openstack.dev/other-erred")));
        expected.put("project (tenant)", new Row(Map.of("<namespace>", NAMESPACE),
                List.of("db-erred", SCHEDULED, "web-ok")));

        List<DynamicTest> tests = new ArrayList<>();
        for (String[] row : portalFilterTable()) {
            String filter = row[0];
            tests.add(dynamicTest(filter, () -> {
                Row want = expected.get(filter);
                assertTrue(want != null, "the portal-filter row " + filter + " has no expectation in this test");
                for (String command : commands(row[1], want.placeholders())) {
                    List<String> got = objects(run(command));
                    boolean sorted = command.contains("--sort-by");
                    boolean allNamespaces = command.contains(" -A");
                    List<String> wanted = want.objects();
                    if (allNamespaces && filter.startsWith("project")) {
                        wanted = want.objects().stream().map(n -> NAMESPACE + "/" + n).toList();
                        got = got.stream().filter(n -> n.startsWith(NAMESPACE + "/")).toList();
                    } else if (allNamespaces) {
                        got = got.stream().filter(n -> n.startsWith(NAMESPACE + "/") || n.startsWith(OTHER_NAMESPACE + "/"))
                                .toList();
                    }
                    if (sorted) {
                        assertEquals(wanted, got, command);
                    } else {
                        assertEquals(new TreeSet<>(wanted), new TreeSet<>(got), command);
                    }
                }
            }));
        }
        assertEquals(expected.size(), tests.size(), "rows of the table: " + expected.keySet());
        return tests.stream();
    }

    private record Row(Map<String, String> placeholders, List<String> objects) {
    }

    /** The rows of the table under "The portal's list filters": {filter, kubectl cell}. */
    private static List<String[]> portalFilterTable() throws IOException {
        List<String> lines = Files.readAllLines(cluster.repository().resolve("docs/user-guide.md"));
        int header = lines.indexOf("| portal filter | kubectl |");
        assertTrue(header >= 0, "docs/user-guide.md has the portal-filter table");
        List<String[]> rows = new ArrayList<>();
        for (int i = header + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            // Split on the cell separators, not on the escaped pipes (\|) inside commands.
            String[] cells = lines.get(i).substring(1).split("(?<!\\\\)\\|");
            rows.add(new String[] {cells[0].trim(), cells[1].trim().replace("\\|", "|")});
        }
        return rows;
    }

    /** The commands of a cell: each `kubectl ...`; a flag fragment (`-o ...`, `-A`) goes with the cell's first command. */
    private static List<String> commands(String cell, Map<String, String> placeholders) {
        List<String> commands = new ArrayList<>();
        Matcher code = Pattern.compile("`([^`]+)`").matcher(cell);
        while (code.find()) {
            String text = code.group(1);
            for (Map.Entry<String, String> p : placeholders.entrySet()) {
                text = text.replace(p.getKey(), p.getValue());
            }
            if (text.startsWith("kubectl ")) {
                commands.add(text);
            } else if (text.startsWith("-n ")) {
                commands.add("kubectl get osnap " + text);
            } else {
                assertFalse(commands.isEmpty(), "a fragment without a command before it: " + cell);
                commands.add(text.equals("-A") ? "kubectl get osnap -A" : commands.get(0) + " " + text);
            }
        }
        assertFalse(commands.isEmpty(), "no command in " + cell);
        return commands;
    }

    /** Runs a documented command line in bash (pipes to grep and jq included) with kubectl on PATH. */
    private static String run(String command) {
        String kubectl = System.getenv().getOrDefault("KUBECTL", "kubectl");
        String path = kubectl.contains("/") ? Path.of(kubectl).getParent() + ":" + System.getenv("PATH") : System.getenv("PATH");
        Commands.Result result = Commands.run(List.of("env", "KUBECONFIG=" + kubeconfig, "PATH=" + path,
                "bash", "-o", "pipefail", "-c", command), null, Duration.ofMinutes(1));
        assertEquals(0, result.exitCode(), command + ": " + result.stderr());
        return result.stdout();
    }

    /**
     * The objects a command printed: from a table, NAME (NAMESPACE/NAME with -A), header lines skipped; from jq, the
     * metadata.name of each object.
     */
    private static List<String> objects(String output) throws IOException {
        List<String> names = new ArrayList<>();
        if (output.trim().startsWith("{")) {
            for (JsonNode o : new ObjectMapper().readerFor(JsonNode.class).<JsonNode>readValues(output).readAll()) {
                names.add(o.path("metadata").path("name").asText());
            }
            return names;
        }
        boolean namespaced = false;
        for (String line : output.lines().toList()) {
            String[] columns = line.trim().split("\\s+");
            if (line.isBlank()) {
                continue;
            }
            if (columns[0].equals("NAMESPACE") || columns[0].equals("NAME")) {
                namespaced = columns[0].equals("NAMESPACE");
                continue;
            }
            names.add(namespaced ? columns[0] + "/" + columns[1] : columns[0]);
        }
        return names;
    }

    private static void snapshot(String namespace, String name, Map<String, String> labels, Map<String, String> source,
            Map<String, Object> status) throws IOException {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name);
        metadata.put("labels", labels);
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("apiVersion", "blockstorage.openstack.dev/v1alpha1");
        object.put("kind", "OpenStackSnapshot");
        object.put("metadata", metadata);
        object.put("spec", Map.of("cloudCredentialsRef", Map.of("secretName", "openstack-clouds", "cloudName", "openstack"),
                "sourceVolume", source));
        apply(namespace, new ObjectMapper().writeValueAsString(object), status);
    }

    /** Creates the object as a user would, then writes its status through the status subresource, as the operator does. */
    private static void apply(String namespace, String manifest, Map<String, Object> status) throws IOException {
        JsonNode object = YAML.readTree(manifest);
        cluster.kubectl(manifest, "apply", "-n", namespace, "-f", "-").requireSuccess();
        String resource = object.path("kind").asText().toLowerCase() + "/" + object.path("metadata").path("name").asText();
        cluster.kubectl(null, "patch", "-n", namespace, resource, "--subresource=status", "--type=merge",
                "-p", new ObjectMapper().writeValueAsString(Map.of("status", status))).requireSuccess();
    }

    private static Map<String, Object> status(String state, String runtime, String backendId, String keptUntil,
            String volume) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("state", state);
        status.put("runtimeState", runtime);
        status.put("backendID", backendId);
        status.put("sizeMiB", 10240);
        status.put("sourceVolume", Map.of("id", volume));
        if (keptUntil != null) {
            status.put("keptUntil", keptUntil);
        }
        return status;
    }

    private static Commands.Result kubectl(String... args) {
        List<String> command = new ArrayList<>(List.of(System.getenv().getOrDefault("KUBECTL", "kubectl"),
                "--kubeconfig", kubeconfig.toString()));
        command.addAll(List.of(args));
        return Commands.run(command, null, Duration.ofMinutes(1));
    }

    /**
     * {@code kubectl explain}, whitespace collapsed. The API server publishes a new CRD's schema a moment after the CRD
     * is Established, so a missing DESCRIPTION is asked again for a few seconds.
     */
    private static String explain(String path) throws InterruptedException {
        Commands.Result result = null;
        for (int attempt = 0; attempt < 20; attempt++) {
            result = kubectl("explain", path);
            if (result.ok() && result.stdout().contains("DESCRIPTION")) {
                return flat(result.stdout());
            }
            Thread.sleep(500);
        }
        return flat(result.requireSuccess().stdout());
    }

    /** Whitespace collapsed, as kubectl wraps descriptions to the terminal width. */
    private static String flat(String text) {
        return text.replaceAll("\\s+", " ");
    }

    /** The first words of a description, enough to recognise it in kubectl's wrapped output. */
    private static String start(String description) {
        String flat = flat(description).trim();
        return flat.length() <= 40 ? flat : flat.substring(0, 40);
    }
}
