package dev.openstack.snapshots.operator.api.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openstack.snapshots.operator.api.validation.ValidationCases.ValidationCase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The checked-in CRDs (crds/) accept and reject what ARCHITECTURE.md section 1 says ({@link ValidationCases}, the table
 * the real API server is held to in e2e), with the messages users will see from the API server; every CEL rule compiles and is bounded for the API server's cost estimator; every
 * example in examples/ is valid.
 */
class CrdValidationTest {

    @TestFactory
    Stream<DynamicTest> openStackSnapshotCreate() {
        return judged(ValidationCases.openStackSnapshotCreate());
    }

    @TestFactory
    Stream<DynamicTest> openStackSnapshotUpdate() {
        return judged(ValidationCases.openStackSnapshotUpdate());
    }

    @TestFactory
    Stream<DynamicTest> snapshotRestorationCreate() {
        return judged(ValidationCases.snapshotRestorationCreate());
    }

    @TestFactory
    Stream<DynamicTest> snapshotRestorationUpdate() {
        return judged(ValidationCases.snapshotRestorationUpdate());
    }

    @TestFactory
    Stream<DynamicTest> snapshotRestorationIntoClaimUpdate() {
        return judged(ValidationCases.snapshotRestorationIntoClaimUpdate());
    }

    @TestFactory
    Stream<DynamicTest> openStackSnapshotScheduleCreate() {
        return judged(ValidationCases.openStackSnapshotScheduleCreate());
    }

    @Test
    void everyRuleOfEveryCrdCompiles() {
        for (CrdValidation crd : CrdValidation.checkedIn()) {
            assertFalse(crd.ruleLocations().isEmpty(), crd.kind() + " has CEL rules");
            assertEquals(List.of(), crd.compileProblems(), crd.kind());
        }
        assertEquals(3, CrdValidation.checkedIn().size(), "one CRD per kind in crds/");
    }

    @Test
    void everyListMapAndStringARuleSeesIsBoundedForTheCostEstimator() {
        List<String> unbounded = CrdValidation.checkedIn().stream()
                .flatMap(crd -> crd.unboundedForCel().stream().map(p -> crd.kind() + " " + p)).toList();
        assertEquals(List.of(), unbounded);
    }

    @TestFactory
    Stream<DynamicTest> everyExampleIsValidAgainstItsCrd() throws IOException {
        Map<String, CrdValidation> byKind = new LinkedHashMap<>();
        CrdValidation.checkedIn().forEach(c -> byKind.put(c.apiVersion() + "/" + c.kind(), c));
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(CrdValidation.repositoryRoot().resolve("examples"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList()) {
                List<JsonNode> documents = CrdValidation.yamlDocuments(file);
                for (int i = 0; i < documents.size(); i++) {
                    JsonNode document = documents.get(i);
                    CrdValidation crd = byKind.get(document.path("apiVersion").asText() + "/" + document.path("kind").asText());
                    if (crd != null) {
                        tests.add(dynamicTest(file.getFileName() + " #" + (i + 1) + " " + crd.kind(),
                                () -> assertEquals(List.of(), crd.validateCreate(document).stream().map(FieldError::toString).toList())));
                    } else {
                        assertFalse(document.path("apiVersion").asText().startsWith("blockstorage.openstack.dev/"),
                                file + ": an object of our group whose kind has no CRD");
                    }
                }
            }
        }
        assertFalse(tests.isEmpty(), "examples/ holds objects of our kinds");
        return tests.stream();
    }

    private static Stream<DynamicTest> judged(List<ValidationCase> cases) {
        return cases.stream().map(c -> dynamicTest(c.toString(), () -> {
            CrdValidation crd = CrdValidation.forKind(c.kind());
            check(c, c.isUpdate() ? crd.validateUpdate(c.object(), c.old()) : crd.validateCreate(c.object()));
            if (c.isUpdate() && !c.accepted() && c.expected().contains("immutable")) {
                // Immutability is a transition rule: the same object is fine when created.
                assertEquals(List.of(), crd.validateCreate(c.object()));
            }
        }));
    }

    /** Accepted: no error; rejected: exactly one error, starting with the expected text. */
    private static void check(ValidationCase c, List<FieldError> errors) {
        List<String> shown = errors.stream().map(FieldError::toString).toList();
        if (c.accepted()) {
            assertEquals(List.of(), shown);
        } else {
            assertEquals(1, shown.size(), "one error expected, got " + shown);
            assertTrue(shown.get(0).startsWith(c.expected()), "expected " + c.expected() + "\n     got " + shown.get(0));
        }
    }
}
