package dev.openstack.snapshots.e2e.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.openstack.snapshots.e2e.TestNamespaces;
import dev.openstack.snapshots.e2e.cluster.Commands;
import dev.openstack.snapshots.e2e.cluster.OperatorProcess;
import dev.openstack.snapshots.e2e.cluster.RealCluster;
import dev.openstack.snapshots.e2e.cluster.RealClusterCondition;
import dev.openstack.snapshots.e2e.cluster.SimulatedCloud;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * config/namespaced on the real control plane: its RBAC objects, retargeted to this test's namespaces and
 * ServiceAccount (names and namespaces only), give the operator the watched namespaces and nothing else, plus
 * PersistentVolume reads cluster-wide; and the operator running under that account with WATCH_NAMESPACES snapshots a
 * PVC-sourced volume, which needs exactly that PV read (a RoleBinding cannot grant it: the docs once said otherwise).
 */
@ExtendWith(RealClusterCondition.class)
class NamespacedInstallE2E {

    private static final String OPERATOR_NAMESPACE = "ns-install-op";
    private static final String WATCHED_A = "ns-install-a";
    private static final String WATCHED_B = "ns-install-b";
    private static final String NOT_WATCHED = "ns-install-c";
    private static final List<String> NAMESPACES = List.of(OPERATOR_NAMESPACE, WATCHED_A, WATCHED_B, NOT_WATCHED);
    private static final String ACCOUNT = "ns-operator";
    private static final String OPERATOR = "system:serviceaccount:" + OPERATOR_NAMESPACE + ":" + ACCOUNT;
    private static final String LABEL = "ns-install-e2e";
    private static final String PV = "ns-install-e2e-pv";
    private static final YAMLMapper YAML = new YAMLMapper();

    private static RealCluster cluster;

    @BeforeAll
    static void overlayRbacForATestServiceAccount() throws IOException {
        cluster = RealCluster.fromEnvironment().orElseThrow().installOperator();
        NAMESPACES.forEach(ns -> Namespaces.recreate(cluster, ns));
        cluster.kubectl(null, "create", "serviceaccount", ACCOUNT, "-n", OPERATOR_NAMESPACE).requireSuccess();
        String rendered = Commands.run(List.of(System.getenv().getOrDefault("KUSTOMIZE", "kustomize"), "build",
                cluster.repository().resolve("config/namespaced").toString()), null, Duration.ofMinutes(1))
                .requireSuccess().stdout();
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(rendered)) {
            for (JsonNode document : documents.readAll()) {
                String kind = document.path("kind").asText();
                if (kind.equals("ClusterRoleBinding")) {
                    assertFalse(document.path("roleRef").path("name").asText().equals("openstack-snapshot-operator"),
                            "the namespaced install binds the operator's ClusterRole cluster-wide");
                }
                if (List.of("RoleBinding", "ClusterRoleBinding", "Role").contains(kind)) {
                    cluster.kubectl(retargeted((ObjectNode) document).toString(), "apply", "-f", "-").requireSuccess();
                }
            }
        }
    }

    @AfterAll
    static void cleanUp() {
        NAMESPACES.forEach(ns -> Namespaces.delete(cluster, ns));
        if (cluster != null) {
            cluster.kubectl(null, "delete", "clusterrolebinding", "-l", "e2e=" + LABEL, "--ignore-not-found");
            cluster.kubectl(null, "delete", "persistentvolume", PV, "--ignore-not-found", "--wait=false");
        }
    }

    @Test
    void theOperatorGetsItsNamespacesAndPersistentVolumesOnly() {
        as(null, "get", "persistentvolumes").requireSuccess();
        for (String watched : List.of(WATCHED_A, WATCHED_B)) {
            as(null, "get", "secrets,persistentvolumeclaims,openstacksnapshots", "-n", watched).requireSuccess();
        }
        assertForbidden(as(null, "get", "secrets", "-n", NOT_WATCHED));
        assertForbidden(as(null, "get", "openstacksnapshots", "-A"));
        as("""
                apiVersion: coordination.k8s.io/v1
                kind: Lease
                metadata: {name: rbac-probe}
                spec: {holderIdentity: e2e}
                """, "create", "-n", OPERATOR_NAMESPACE, "-f", "-").requireSuccess();
        // How fabric8's Lease lock renews.
        as(null, "patch", "lease/rbac-probe", "-n", OPERATOR_NAMESPACE, "--type=merge",
                "-p", "{\"spec\":{\"holderIdentity\":\"e2e-renewed\"}}").requireSuccess();
        assertForbidden(as(null, "get", "leases", "-n", WATCHED_A));
    }

    /** A PVC bound to a Cinder CSI PV: the operator resolves it through the PV (cluster-scoped) and snapshots it. */
    @Test
    void aPvcSourcedSnapshotBecomesReadyUnderTheNamespacedOperator() {
        try (SimulatedCloud cloud = new SimulatedCloud(); KubernetesClient admin = cluster.admin()) {
            String volume = cloud.createVolume("ns-install-data");
            TestNamespaces.putSecret(admin, WATCHED_A, TestNamespaces.SECRET, cloud.cloudsYaml());
            cluster.kubectl("""
                    apiVersion: v1
                    kind: PersistentVolume
                    metadata: {name: %s}
                    spec:
                      capacity: {storage: 1Gi}
                      accessModes: [ReadWriteOnce]
                      persistentVolumeReclaimPolicy: Retain
                      storageClassName: ""
                      claimRef: {namespace: %s, name: data}
                      csi: {driver: cinder.csi.openstack.org, volumeHandle: %s}
                    """.formatted(PV, WATCHED_A, volume), "apply", "-f", "-").requireSuccess();
            cluster.kubectl("""
                    apiVersion: v1
                    kind: PersistentVolumeClaim
                    metadata: {name: data}
                    spec:
                      accessModes: [ReadWriteOnce]
                      storageClassName: ""
                      volumeName: %s
                      resources: {requests: {storage: 1Gi}}
                    """.formatted(PV), "apply", "-n", WATCHED_A, "-f", "-").requireSuccess();
            // kube-controller-manager's PV binder binds them.
            cluster.kubectl(null, "wait", "pvc/data", "-n", WATCHED_A, "--for=jsonpath={.status.phase}=Bound",
                    "--timeout=60s").requireSuccess();

            Path kubeconfig = cluster.serviceAccountKubeconfig(OPERATOR_NAMESPACE, ACCOUNT,
                    Path.of("target", "ns-operator.kubeconfig").toAbsolutePath());
            Map<String, String> settings = OperatorProcess.e2eSettings();
            settings.put("WATCH_NAMESPACES", WATCHED_A + "," + WATCHED_B);
            settings.put("OPERATOR_NAMESPACE", OPERATOR_NAMESPACE);
            settings.put("LEADER_ELECTION_LEASE_NAME", "ns-install-e2e");
            try (OperatorProcess operator = OperatorProcess.start("ns-install", cluster.repository(), kubeconfig, settings)
                    .awaitReady(Duration.ofMinutes(2))) {
                cluster.kubectl("""
                        apiVersion: blockstorage.openstack.dev/v1alpha1
                        kind: OpenStackSnapshot
                        metadata: {name: from-pvc}
                        spec:
                          cloudCredentialsRef: {secretName: %s, cloudName: %s}
                          sourceVolume: {persistentVolumeClaimName: data}
                        """.formatted(TestNamespaces.SECRET, SimulatedCloud.CLOUD), "apply", "-n", WATCHED_A, "-f", "-")
                        .requireSuccess();
                Commands.Result ready = cluster.kubectl(null, "wait", "osnap/from-pvc", "-n", WATCHED_A,
                        "--for=condition=Ready", "--timeout=100s");
                String status = cluster.kubectl(null, "get", "osnap/from-pvc", "-n", WATCHED_A, "-o",
                        "jsonpath={.status.state} {.status.sourceVolume.id} {.status.errorMessage}").stdout();
                assertTrue(ready.ok(), "Ready: " + status + " (operator log " + operator.log() + ")");
                assertEquals("OK " + volume, status.trim());
                cluster.kubectl(null, "delete", "osnap/from-pvc", "-n", WATCHED_A, "--timeout=100s").requireSuccess();
            }
        }
    }

    /** The overlay's object with this test's namespaces and ServiceAccount, and a name of its own if cluster-scoped. */
    private static ObjectNode retargeted(ObjectNode object) {
        ObjectNode copy = object.deepCopy();
        ObjectNode metadata = (ObjectNode) copy.path("metadata");
        if (metadata.has("namespace")) {
            metadata.put("namespace", switch (metadata.path("namespace").asText()) {
                case "openstack-snapshot-system" -> OPERATOR_NAMESPACE;
                case "team-a" -> WATCHED_A;
                case "team-b" -> WATCHED_B;
                default -> throw new AssertionError("unexpected namespace in config/namespaced: " + metadata);
            });
        } else {
            metadata.put("name", metadata.path("name").asText() + "-" + LABEL);
            metadata.putObject("labels").put("e2e", LABEL);
        }
        List<JsonNode> subjects = new ArrayList<>();
        copy.path("subjects").forEach(subjects::add);
        assertTrue(subjects.size() <= 1, "one subject, the operator's ServiceAccount: " + object);
        subjects.forEach(s -> ((ObjectNode) s).put("namespace", OPERATOR_NAMESPACE).put("name", ACCOUNT));
        return copy;
    }

    private static void assertForbidden(Commands.Result result) {
        assertFalse(result.ok(), "expected a refusal, got: " + result.stdout());
        assertTrue(result.stderr().contains("forbidden") || result.stderr().contains("Forbidden"), result.stderr());
    }

    private static Commands.Result as(String stdin, String... args) {
        List<String> command = new ArrayList<>(List.of("--as=" + OPERATOR));
        command.addAll(List.of(args));
        return cluster.kubectl(stdin, command.toArray(String[]::new));
    }
}
