package dev.openstack.snapshots.e2e.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openstack.snapshots.e2e.cluster.Commands;
import dev.openstack.snapshots.e2e.cluster.OperatorOnRealCluster;
import dev.openstack.snapshots.e2e.cluster.RealCluster;
import dev.openstack.snapshots.e2e.cluster.RealClusterCondition;
import dev.openstack.snapshots.e2e.cluster.SimulatedCloud;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The operator (its own process, its ServiceAccount's token, the Cinder simulator as its cloud) on the real control
 * plane, driven with the real kubectl as the docs say and as Argo CD syncs: {@code kubectl apply --server-side},
 * {@code kubectl wait --for=condition=Ready}, the columns of {@code kubectl get osnap}, the pull and unlink
 * annotations, and server-side apply that never conflicts with the operator, whose managedFields hold only status,
 * its finalizer and labels it adds.
 */
@ExtendWith(RealClusterCondition.class)
class OperatorKubectlE2E {

    /** The field manager of the syncs (Argo CD's is argocd-controller); what matters is that it is not the operator's. */
    private static final String APPLIER = "argocd-controller";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static RealCluster cluster;
    private static SimulatedCloud cloud;
    private static OperatorOnRealCluster operator;
    private static String namespace;

    @BeforeAll
    static void operatorWithASimulatedCloud() {
        cluster = RealCluster.fromEnvironment().orElseThrow();
        cloud = new SimulatedCloud();
        operator = OperatorOnRealCluster.start(cluster);
        namespace = "kubectl-e2e-" + Instant.now().toEpochMilli();
        operator.namespaceWithClouds(namespace, cloud.cloudsYaml());
    }

    @AfterAll
    static void stop() {
        if (operator != null) {
            // Deleted while the operator and the clouds.yaml Secret are still there: deleting the namespace first
            // would race the Secret's deletion against the snapshots' (not what these tests are about).
            kubectl(null, "delete", "osnap", "--all", "--timeout=100s");
            operator.close();
        }
        if (cloud != null) {
            cloud.close();
        }
    }

    private static String snapshot(String name, String volume, String description) {
        return """
                apiVersion: blockstorage.openstack.dev/v1alpha1
                kind: OpenStackSnapshot
                metadata:
                  name: %s
                  labels: {app: web}
                spec:
                  cloudCredentialsRef: {secretName: openstack-clouds, cloudName: %s}
                  sourceVolume: {id: %s}
                  description: %s
                  keptUntil: "2031-01-01T00:00:00Z"
                """.formatted(name, SimulatedCloud.CLOUD, volume, description);
    }

    @Test
    void appliedTwiceServerSideItBecomesReadyChangesNothingAndTheOperatorOwnsOnlyStatusFinalizerAndLabels()
            throws IOException {
        String manifest = snapshot("pg", cloud.createVolume("pg-data"), "before upgrade");
        apply(manifest).requireSuccess();
        kubectl(null, "wait", "osnap/pg", "--for=condition=Ready", "--timeout=100s").requireSuccess();

        List<String> lines = kubectl(null, "get", "osnap", "pg").requireSuccess().stdout().lines().toList();
        assertEquals(List.of("NAME", "STATE", "RUNTIME", "SIZE", "SOURCE", "KEPT-UNTIL", "AGE"), words(lines.get(0)));
        List<String> row = words(lines.get(1));
        assertEquals(List.of("pg", "OK", "available"), row.subList(0, 3));
        assertEquals("2031-01-01T00:00:00Z", row.get(5), "Kept-Until as written, never <invalid>: " + lines);

        JsonNode before = object("pg");
        Commands.Result again = apply(manifest);
        assertTrue(again.ok(), "the second sync conflicts with the operator: " + again.stderr());
        JsonNode after = object("pg");
        assertEquals(before.path("metadata").path("generation"), after.path("metadata").path("generation"));
        assertEquals(before.path("spec"), after.path("spec"));
        assertEquals(before.path("metadata").path("labels"), after.path("metadata").path("labels"));
        assertEquals(before.path("metadata").path("finalizers"), after.path("metadata").path("finalizers"));

        // A changed manifest syncs without a conflict too, and the operator takes it to Cinder.
        assertTrue(apply(manifest.replace("before upgrade", "after upgrade")).ok());
        kubectl(null, "wait", "osnap/pg", "--for=jsonpath={.status.state}=OK", "--timeout=60s").requireSuccess();

        List<String> foreign = new ArrayList<>();
        for (JsonNode entry : object("pg").path("metadata").path("managedFields")) {
            if (entry.path("manager").asText().equals(APPLIER)) {
                continue;
            }
            JsonNode fields = entry.path("fieldsV1");
            fields.fieldNames().forEachRemaining(field -> {
                if (!field.equals("f:status") && !field.equals("f:metadata")) {
                    foreign.add(entry.path("manager").asText() + " owns " + field);
                }
            });
            fields.path("f:metadata").fieldNames().forEachRemaining(field -> {
                if (!field.equals("f:finalizers") && !field.equals("f:labels")) {
                    foreign.add(entry.path("manager").asText() + " owns metadata." + field);
                }
            });
            fields.path("f:metadata").path("f:finalizers").fieldNames().forEachRemaining(finalizer -> {
                if (!finalizer.equals("v:\"blockstorage.openstack.dev/finalizer\"") && !finalizer.equals(".")) {
                    foreign.add(entry.path("manager").asText() + " owns finalizer " + finalizer);
                }
            });
            fields.path("f:metadata").path("f:labels").fieldNames().forEachRemaining(label -> {
                if (!label.startsWith("f:blockstorage.openstack.dev/") && !label.equals(".")) {
                    foreign.add(entry.path("manager").asText() + " owns label " + label);
                }
            });
        }
        assertEquals(List.of(), foreign, "managedFields: " + object("pg").path("metadata").path("managedFields"));
    }

    /** The conditions as metav1.Condition: each with type, status, reason, message, lastTransitionTime. */
    @Test
    void conditionsFollowMetav1Condition() throws IOException {
        apply(snapshot("cond", cloud.createVolume("cond-data"), "conditions")).requireSuccess();
        kubectl(null, "wait", "osnap/cond", "--for=condition=Ready", "--timeout=100s").requireSuccess();
        TreeSet<String> types = new TreeSet<>();
        for (JsonNode condition : object("cond").path("status").path("conditions")) {
            types.add(condition.path("type").asText());
            for (String field : List.of("status", "reason", "lastTransitionTime")) {
                assertFalse(condition.path(field).asText().isEmpty(), field + " in " + condition);
            }
            assertTrue(condition.has("message"), "message in " + condition);
        }
        assertTrue(types.contains("Ready"), types.toString());
    }

    /** `kubectl annotate osnap X blockstorage.openstack.dev/pull-requested-at="$(date -Is)" --overwrite`, echoed in status. */
    @Test
    void thePullAnnotationIsHandledAndEchoed() throws IOException {
        apply(snapshot("pulled", cloud.createVolume("pulled-data"), "pull")).requireSuccess();
        kubectl(null, "wait", "osnap/pulled", "--for=condition=Ready", "--timeout=100s").requireSuccess();
        long gets = cloud.simulator().controls().count("snapshot.get") + cloud.simulator().controls().count("snapshot.list");
        bash("kubectl annotate osnap pulled blockstorage.openstack.dev/pull-requested-at=\"$(date -Is)\" --overwrite");
        String value = object("pulled").path("metadata").path("annotations")
                .path("blockstorage.openstack.dev/pull-requested-at").asText();
        assertFalse(value.isEmpty());
        kubectl(null, "wait", "osnap/pulled", "--for=jsonpath={.status.lastHandledPullAt}=" + value, "--timeout=60s")
                .requireSuccess();
        assertTrue(cloud.simulator().controls().count("snapshot.get") + cloud.simulator().controls().count("snapshot.list")
                > gets, "the pull read Cinder");
    }

    /** `kubectl annotate osnap X blockstorage.openstack.dev/unlink=true`, then delete: gone, Cinder untouched. */
    @Test
    void theUnlinkAnnotationForgetsTheObjectWithoutACinderDelete() throws IOException {
        apply(snapshot("unlinked", cloud.createVolume("unlinked-data"), "unlink")).requireSuccess();
        kubectl(null, "wait", "osnap/unlinked", "--for=condition=Ready", "--timeout=100s").requireSuccess();
        long deletes = cloud.simulator().controls().count("snapshot.delete");
        bash("kubectl annotate osnap unlinked blockstorage.openstack.dev/unlink=true");
        kubectl(null, "delete", "osnap", "unlinked", "--timeout=60s").requireSuccess();
        assertFalse(kubectl(null, "get", "osnap", "unlinked").ok(), "the object is gone");
        assertEquals(deletes, cloud.simulator().controls().count("snapshot.delete"), "no Cinder delete");
    }

    private static Commands.Result apply(String manifest) {
        return kubectl(manifest, "apply", "--server-side", "--field-manager=" + APPLIER, "-f", "-");
    }

    private static JsonNode object(String name) throws IOException {
        return JSON.readTree(kubectl(null, "get", "osnap", name, "-o", "json", "--show-managed-fields")
                .requireSuccess().stdout());
    }

    private static Commands.Result kubectl(String stdin, String... args) {
        List<String> command = new ArrayList<>(List.of("-n", namespace));
        command.addAll(List.of(args));
        return cluster.kubectl(stdin, command.toArray(String[]::new));
    }

    /** A documented command line, as typed: bash, kubectl on PATH, the admin kubeconfig, the test namespace. */
    private static void bash(String command) {
        String kubectl = System.getenv().getOrDefault("KUBECTL", "kubectl");
        String path = kubectl.contains("/") ? java.nio.file.Path.of(kubectl).getParent() + ":" + System.getenv("PATH")
                : System.getenv("PATH");
        Commands.run(List.of("env", "KUBECONFIG=" + cluster.kubeconfig(), "PATH=" + path, "bash", "-c",
                command.replace("kubectl ", "kubectl -n " + namespace + " ")), null, Duration.ofMinutes(1))
                .requireSuccess();
    }

    private static List<String> words(String line) {
        return Arrays.asList(line.trim().split("\\s+"));
    }
}
