package dev.openstack.snapshots.e2e.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openstack.snapshots.e2e.cluster.Commands;
import dev.openstack.snapshots.e2e.cluster.RealCluster;
import dev.openstack.snapshots.e2e.cluster.RealClusterCondition;
import dev.openstack.snapshots.operator.api.validation.CrdValidation;
import dev.openstack.snapshots.operator.api.validation.FieldError;
import dev.openstack.snapshots.operator.api.validation.ValidationCases;
import dev.openstack.snapshots.operator.api.validation.ValidationCases.ValidationCase;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One validation case table, two judges: every case of {@link ValidationCases} (what CrdValidationTest checks in
 * process with the OpenAPI constraints and CEL) also goes to the real kube-apiserver through {@code kubectl
 * --dry-run=server}, with the CRDs installed from config/default. The verdicts must agree, and every rejection the
 * server prints must name the field and carry the message of the table.
 */
@ExtendWith(RealClusterCondition.class)
class ServerValidationE2E {

    private static final String NAMESPACE = "validation-e2e";
    private static RealCluster cluster;

    @BeforeAll
    static void installCrds() {
        cluster = RealCluster.fromEnvironment().orElseThrow().installOperator();
        Namespaces.recreate(cluster, NAMESPACE);
    }

    @AfterAll
    static void removeNamespace() {
        Namespaces.delete(cluster, NAMESPACE);
    }

    @TestFactory
    Stream<DynamicTest> theServerAndTheInProcessCheckAgreeOnEveryCase() {
        List<ValidationCase> cases = ValidationCases.all();
        assertTrue(cases.size() > 50, "the whole table");
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            ValidationCase c = cases.get(i);
            String name = "case-" + i;
            tests.add(dynamicTest(c.toString(), () -> judge(c, name)));
        }
        return tests.stream();
    }

    private static void judge(ValidationCase c, String name) {
        CrdValidation crd = CrdValidation.forKind(c.kind());
        List<FieldError> inProcess = c.isUpdate() ? crd.validateUpdate(c.object(), c.old()) : crd.validateCreate(c.object());
        Commands.Result server = c.isUpdate() ? dryRunUpdate(c, name) : dryRunCreate(c, name);
        assertEquals(inProcess.isEmpty(), server.ok(), "the judges disagree: in process " + inProcess
                + ", server exit " + server.exitCode() + ": " + server.stderr().strip());
        assertEquals(c.accepted(), server.ok(), "the server " + (server.ok() ? "accepted" : "rejected: "
                + server.stderr().strip()));
        if (!c.accepted()) {
            String said = server.stderr();
            assertTrue(said.contains(c.field()), "the server's rejection names " + c.field() + ": " + said.strip());
            assertTrue(said.contains(c.expected()), "the server's rejection carries the table's message\n  expected: "
                    + c.expected() + "\n  server:   " + said.strip());
        }
    }

    private static Commands.Result dryRunCreate(ValidationCase c, String name) {
        return cluster.kubectl(json(c.object(), name), "create", "--dry-run=server", "-o", "name", "-f", "-");
    }

    /** The old object is created for real (no operator runs here), the new one replaces it in a dry run. */
    private static Commands.Result dryRunUpdate(ValidationCase c, String name) {
        cluster.kubectl(json(c.old(), name), "create", "-f", "-").requireSuccess();
        try {
            return cluster.kubectl(json(c.object(), name), "replace", "--dry-run=server", "-o", "name", "-f", "-");
        } finally {
            cluster.kubectl(null, "delete", "-n", NAMESPACE, kindResource(c.kind()) + "/" + name, "--wait=false")
                    .requireSuccess();
        }
    }

    private static String json(JsonNode object, String name) {
        ObjectNode copy = object.deepCopy();
        ((ObjectNode) copy.path("metadata")).put("namespace", NAMESPACE).put("name", name);
        return copy.toString();
    }

    private static String kindResource(String kind) {
        return kind.toLowerCase() + "s.blockstorage.openstack.dev";
    }
}
