package dev.openstack.snapshots.operator.argocd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.openstack.snapshots.operator.api.ScheduleState;
import dev.openstack.snapshots.operator.api.SnapshotState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.jse.JsePlatform;

/**
 * The Argo CD health checks of config/argocd/health/*.lua, run in a Lua interpreter over fixture objects laid out as
 * Argo CD's own resource_customizations tests are (health_test.yaml + testdata/), one per state and reason. The forms
 * we ship for each way of installing Argo CD embed those files verbatim; {@code -Dargocd.write=true} rewrites them.
 */
class ArgoCdHealthChecksTest {

    private static final YAMLMapper YAML = new YAMLMapper();
    static final Path ARGOCD = Path.of(System.getProperty("basedir", ".")).toAbsolutePath()
            .resolveSibling("config").resolve("argocd");
    private static final Path FIXTURES = Path.of(System.getProperty("basedir", "."))
            .resolve("src/test/resources/argocd/blockstorage.openstack.dev");

    @TestFactory
    Stream<DynamicTest> everyFixtureGetsItsExpectedHealth() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (ArgoCdHealthChecks.Check check : ArgoCdHealthChecks.checks(ARGOCD)) {
            Path dir = FIXTURES.resolve(check.kind());
            for (JsonNode test : YAML.readTree(dir.resolve("health_test.yaml").toFile()).path("tests")) {
                String input = test.path("inputPath").asText();
                tests.add(dynamicTest(check.kind() + " " + input, () -> {
                    Map<String, String> health = run(check.lua(), YAML.readTree(dir.resolve(input).toFile()));
                    assertEquals(test.path("healthStatus").path("status").asText(), health.get("status"), input);
                    assertEquals(test.path("healthStatus").path("message").asText(), health.get("message"), input);
                }));
            }
        }
        assertTrue(tests.size() >= 30, "fixtures for every state of the three kinds: " + tests.size());
        return tests.stream();
    }

    @Test
    void fixturesCoverEveryStateAndEveryErredReason() throws IOException {
        for (String kind : List.of("OpenStackSnapshot", "SnapshotRestoration")) {
            Set<String> states = fixtureValues(kind, "/status/state");
            for (SnapshotState state : SnapshotState.values()) {
                assertTrue(states.contains(state.name()), kind + " has no fixture in state " + state);
            }
            Set<String> reasons = fixtureValues(kind, "/status/conditions/0/reason");
            for (String reason : List.of("BackendError", "InvalidConfiguration", "NotFound", "DeletionFailed", "TransientError")) {
                assertTrue(reasons.contains(reason), kind + " has no fixture with reason " + reason);
            }
            assertTrue(fixtureValues(kind, "/status").contains(""), kind + " has no fixture without status");
        }
        Set<String> states = fixtureValues("OpenStackSnapshotSchedule", "/status/state");
        for (ScheduleState state : ScheduleState.values()) {
            assertTrue(states.contains(state.name()), "OpenStackSnapshotSchedule has no fixture in state " + state);
        }
    }

    @Test
    void shippedFormsEmbedTheLuaVerbatim() throws IOException {
        List<ArgoCdHealthChecks.Check> checks = ArgoCdHealthChecks.checks(ARGOCD);
        Map<String, String> forms = ArgoCdHealthChecks.forms(checks,
                Files.readString(ARGOCD.resolve(ArgoCdHealthChecks.CHART_VALUES)));
        boolean write = Boolean.getBoolean("argocd.write");
        for (Map.Entry<String, String> form : forms.entrySet()) {
            Path file = ARGOCD.resolve(form.getKey());
            if (write) {
                Files.writeString(file, form.getValue());
            }
            assertEquals(form.getValue(), Files.exists(file) ? Files.readString(file) : "",
                    file + " is generated from health/*.lua: mvn -pl operator test -Dtest=ArgoCdHealthChecksTest -Dargocd.write=true");
        }
        // and what is embedded still parses to the same script
        JsonNode patch = YAML.readTree(ARGOCD.resolve(ArgoCdHealthChecks.KUSTOMIZE_PATCH).toFile());
        JsonNode values = YAML.readTree(ARGOCD.resolve(ArgoCdHealthChecks.HELM_VALUES).toFile());
        JsonNode cr = YAML.readTree(ARGOCD.resolve(ArgoCdHealthChecks.ARGOCD_CR).toFile());
        JsonNode chart = YAML.readTree(ARGOCD.resolve(ArgoCdHealthChecks.CHART_VALUES).toFile());
        for (ArgoCdHealthChecks.Check check : checks) {
            String key = "resource.customizations.health." + ArgoCdHealthChecks.GROUP + "_" + check.kind();
            assertEquals(check.lua(), patch.path("data").path(key).asText());
            assertEquals(check.lua(), values.path("configs").path("cm").path(key).asText());
            assertEquals(check.lua(), chart.path("argocd").path("healthChecks")
                    .path(ArgoCdHealthChecks.GROUP + "_" + check.kind()).asText());
            JsonNode entry = null;
            for (JsonNode e : cr.path("spec").path("resourceHealthChecks")) {
                if (e.path("kind").asText().equals(check.kind())) {
                    entry = e;
                }
            }
            assertEquals(ArgoCdHealthChecks.GROUP, entry.path("group").asText());
            assertEquals(check.lua(), entry.path("check").asText());
        }
    }

    private static Set<String> fixtureValues(String kind, String pointer) throws IOException {
        try (Stream<Path> files = Files.list(FIXTURES.resolve(kind).resolve("testdata"))) {
            return files.map(f -> {
                try {
                    JsonNode node = YAML.readTree(f.toFile()).at(pointer);
                    return node.isMissingNode() ? "" : node.isValueNode() ? node.asText() : "{}";
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /** Runs a health script as Argo CD does: the object as the global {@code obj}, the returned table read back. */
    static Map<String, String> run(String lua, JsonNode object) {
        Globals globals = JsePlatform.standardGlobals();
        globals.set("obj", toLua(object));
        LuaValue result = globals.load(lua, "health.lua").call();
        return Map.of("status", result.get("status").tojstring(), "message", result.get("message").tojstring());
    }

    /** JSON to Lua as Argo CD converts it: objects to tables, arrays to tables indexed from 1, null to nil. */
    static LuaValue toLua(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return LuaValue.NIL;
        }
        if (node.isObject()) {
            LuaTable table = new LuaTable();
            node.fields().forEachRemaining(e -> table.set(e.getKey(), toLua(e.getValue())));
            return table;
        }
        if (node.isArray()) {
            LuaTable table = new LuaTable();
            for (int i = 0; i < node.size(); i++) {
                table.set(i + 1, toLua(node.get(i)));
            }
            return table;
        }
        if (node.isBoolean()) {
            return LuaValue.valueOf(node.booleanValue());
        }
        if (node.isIntegralNumber()) {
            return LuaValue.valueOf(node.longValue());
        }
        if (node.isNumber()) {
            return LuaValue.valueOf(node.doubleValue());
        }
        return LuaValue.valueOf(node.asText());
    }
}
