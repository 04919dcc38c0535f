package dev.openstack.snapshots.e2e.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.openstack.snapshots.operator.api.CloudCredentialsRef;
import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotSpec;
import dev.openstack.snapshots.operator.api.SourceVolume;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Helm chart (charts/openstack-snapshot-operator) with helm built from its Go module: lint passes, the chart
 * renders what `kustomize build config/default` does (after taking out Helm's own labels and the Namespace, which
 * `helm install --create-namespace` makes), and it installs on the real control plane and uninstalls without
 * touching the CRDs or the objects (finalizers included) that still exist.
 */
@ExtendWith(RealClusterCondition.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HelmChartClusterIT {

    private static final YAMLMapper YAML = new YAMLMapper();
    /** Its own object names and namespace: config/default may be installed on the same cluster by other ITs. */
    private static final String RELEASE = "osop-helm";
    private static final String NAMESPACE = "osop-helm-system";
    private static final List<String> HELM_LABELS = List.of("helm.sh/chart", "app.kubernetes.io/instance",
            "app.kubernetes.io/managed-by", "app.kubernetes.io/version");

    private RealCluster cluster;
    private KubernetesClient admin;

    @BeforeAll
    void connect() {
        cluster = RealCluster.fromEnvironment().orElseThrow();
        admin = cluster.admin();
        String team = RELEASE + "-team";
        if (admin.namespaces().withName(team).get() == null) {
            admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(team).endMetadata().build()).create();
        }
    }

    @AfterAll
    void close() {
        if (admin != null) {
            admin.close();
        }
    }

    @Test
    void lintPasses() {
        Commands.Result lint = helm("lint", chart(), "--strict");
        assertEquals(0, lint.exitCode(), lint.stdout() + lint.stderr());
    }

    @Test
    void chartRendersWhatKustomizeBuildsFromConfigDefault() throws IOException {
        String rendered = helm("template", "openstack-snapshot-operator", chart(), "--namespace",
                RealCluster.OPERATOR_NAMESPACE, "--include-crds", "--kube-version", "1.34.4").requireSuccess().stdout();
        String built = Commands.run(List.of(tool("KUSTOMIZE", "kustomize"), "build",
                cluster.repository().resolve("config/default").toString()), null, Duration.ofMinutes(1)).requireSuccess().stdout();
        Map<String, JsonNode> chart = normalised(rendered);
        Map<String, JsonNode> kustomize = normalised(built);
        kustomize.remove("Namespace//" + RealCluster.OPERATOR_NAMESPACE);
        assertEquals(kustomize.keySet(), chart.keySet(), "the chart and config/default make different objects");
        for (String key : kustomize.keySet()) {
            assertEquals(kustomize.get(key), chart.get(key), key + " differs between config/default and the chart");
        }
    }

    @Test
    void installsAndUninstallsLeavingCrdsAndObjectsAlone() {
        helm("install", RELEASE, chart(), "--namespace", NAMESPACE, "--create-namespace",
                "--set", "fullnameOverride=" + RELEASE, "--set", "watchNamespaces={" + RELEASE + "-team}").requireSuccess();
        try {
            assertNotNull(admin.apps().deployments().inNamespace(NAMESPACE).withName(RELEASE).get());
            assertNotNull(admin.serviceAccounts().inNamespace(NAMESPACE).withName(RELEASE).get());
            assertNotNull(admin.rbac().clusterRoles().withName(RELEASE).get());
            assertNull(admin.rbac().clusterRoleBindings().withName(RELEASE).get(), "watchNamespaces: no cluster-wide binding");
            assertNotNull(admin.rbac().roleBindings().inNamespace(RELEASE + "-team").withName(RELEASE).get());
            assertNotNull(admin.rbac().roles().inNamespace(NAMESPACE).withName(RELEASE + "-leader-election").get());
            assertTrue(helm("status", RELEASE, "-n", NAMESPACE).requireSuccess().stdout().contains("STATUS: deployed"));
        } catch (RuntimeException | AssertionError e) {
            helm("uninstall", RELEASE, "-n", NAMESPACE);
            throw e;
        }

        // An object the operator manages (its finalizer set), left when the chart goes first.
        String team = RELEASE + "-team";
        OpenStackSnapshot snapshot = new OpenStackSnapshot();
        snapshot.setMetadata(new ObjectMetaBuilder().withNamespace(team).withName("left-behind")
                .withFinalizers(OpenStackSnapshot.FINALIZER).build());
        OpenStackSnapshotSpec spec = new OpenStackSnapshotSpec();
        spec.setCloudCredentialsRef(new CloudCredentialsRef("openstack-clouds", "openstack"));
        spec.setSourceVolume(SourceVolume.byId("0b7c1e9a-5d43-4f8e-9a61-000000000001"));
        snapshot.setSpec(spec);
        admin.resource(snapshot).create();

        helm("uninstall", RELEASE, "-n", NAMESPACE, "--wait", "--timeout", "2m").requireSuccess();
        assertNull(admin.apps().deployments().inNamespace(NAMESPACE).withName(RELEASE).get());
        assertNull(admin.rbac().clusterRoles().withName(RELEASE).get());
        assertNull(admin.rbac().roleBindings().inNamespace(team).withName(RELEASE).get());
        assertNotNull(admin.apiextensions().v1().customResourceDefinitions()
                .withName("openstacksnapshots.blockstorage.openstack.dev").get(), "helm uninstall keeps the CRDs");
        OpenStackSnapshot left = admin.resources(OpenStackSnapshot.class).inNamespace(team).withName("left-behind").get();
        assertNotNull(left, "the object is not deleted with the chart");
        assertNull(left.getMetadata().getDeletionTimestamp(), "nor marked for deletion: it waits intact for an operator");
        assertEquals(List.of(OpenStackSnapshot.FINALIZER), left.getMetadata().getFinalizers());

        admin.resource(left).edit(s -> {
            s.getMetadata().setFinalizers(List.of());
            return s;
        });
        admin.namespaces().withName(team).delete();
        admin.namespaces().withName(NAMESPACE).delete();
    }

    /** The documents by kind/namespace/name, without Helm's bookkeeping labels. */
    static Map<String, JsonNode> normalised(String yaml) throws IOException {
        Map<String, JsonNode> objects = new TreeMap<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (it.hasNext()) {
                JsonNode document = it.next();
                if (document == null || document.isNull() || document.isEmpty()) {
                    continue;
                }
                JsonNode labels = document.path("metadata").path("labels");
                if (labels instanceof ObjectNode l) {
                    HELM_LABELS.forEach(l::remove);
                }
                objects.put(document.path("kind").asText() + "/" + document.path("metadata").path("namespace").asText()
                        + "/" + document.path("metadata").path("name").asText(), numbersByValue(document));
            }
        }
        return objects;
    }

    /**
     * Numbers compared by value: the CRD files write 2^53-1 as 9.007199254740991E15, which kustomize re-emits as
     * 9007199254740991 while Helm passes crds/ through verbatim.
     */
    static JsonNode numbersByValue(JsonNode node) {
        if (node.isNumber()) {
            return DecimalNode.valueOf(new BigDecimal(node.asText()).stripTrailingZeros());
        }
        if (node instanceof ObjectNode object) {
            object.properties().forEach(e -> e.setValue(numbersByValue(e.getValue())));
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, numbersByValue(array.get(i)));
            }
        }
        return node;
    }

    private String chart() {
        return cluster.repository().resolve("charts/openstack-snapshot-operator").toString();
    }

    private Commands.Result helm(String... args) {
        List<String> command = new ArrayList<>(List.of(tool("HELM", "helm"), "--kubeconfig", cluster.kubeconfig().toString()));
        command.addAll(List.of(args));
        return Commands.run(command, null, Duration.ofMinutes(3));
    }

    private static String tool(String variable, String fallback) {
        String path = System.getenv(variable);
        return path == null || path.isBlank() ? fallback : path;
    }
}
