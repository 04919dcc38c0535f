package dev.openstack.snapshots.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/e2e.md's table "What the tests cover" names every test class of this module, so what runs against the real
 * OpenStack and the real control plane in .ci/run is documented (a class added without its row fails here).
 */
class E2eDocsTest {

    private static final Path MODULE = Paths.get("").toAbsolutePath();

    @Test
    void everyTestClassOfTheModuleHasARowInTheCoverageTable() throws IOException {
        List<String> classes;
        try (Stream<Path> files = Files.walk(MODULE.resolve("src/test/java"))) {
            classes = files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith("E2E.java") || n.endsWith("IT.java"))
                    .map(n -> n.substring(0, n.length() - ".java".length())).sorted().toList();
        }
        assertFalse(classes.isEmpty(), "found the e2e module's tests under " + MODULE);
        String table = coverageTable();
        List<String> missing = classes.stream().filter(c -> !table.contains("`" + c + "`")).toList();
        assertEquals(List.of(), missing, "test classes without a row in docs/e2e.md, What the tests cover");
    }

    /** The section "What the tests cover" of docs/e2e.md, up to the next section. */
    private static String coverageTable() throws IOException {
        String doc = Files.readString(MODULE.resolveSibling("docs").resolve("e2e.md"));
        int start = doc.indexOf("## What the tests cover");
        assertFalse(start < 0, "docs/e2e.md has the section What the tests cover");
        int end = doc.indexOf("\n## ", start + 1);
        return doc.substring(start, end < 0 ? doc.length() : end);
    }
}
