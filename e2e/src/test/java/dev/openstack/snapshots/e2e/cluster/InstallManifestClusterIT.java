package dev.openstack.snapshots.e2e.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The release's install.yaml: deploy/install.yaml, from which `mvn package` makes it without any Go tool, is exactly
 * what kustomize builds from config/default (so it cannot drift), and the file a user downloads applies with
 * `kubectl apply --server-side -f install.yaml` on a real kube-apiserver: CRDs Established, Deployment accepted with
 * the release image, and the ServiceAccount granted what the operator needs.
 */
@ExtendWith(RealClusterCondition.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InstallManifestClusterIT {

    private RealCluster cluster;
    private KubernetesClient admin;

    @BeforeAll
    void connect() {
        cluster = RealCluster.fromEnvironment().orElseThrow();
        admin = cluster.admin();
    }

    @AfterAll
    void close() {
        if (admin != null) {
            admin.close();
        }
    }

    @Test
    void theCheckedInInstallYamlIsWhatKustomizeBuildsFromConfigDefault() throws IOException {
        String checkedIn = Files.readString(cluster.repository().resolve("deploy/install.yaml"));
        assertEquals(cluster.kustomizeBuild("config/default"), checkedIn,
                "deploy/install.yaml has drifted from config/default: kustomize build config/default > deploy/install.yaml");
    }

    @Test
    void theReleaseInstallYamlAppliesServerSideAndInstallsTheOperator() {
        cluster.kubectl(null, "apply", "--server-side", "--field-manager=install-yaml",
                "-f", DistArtefacts.installYaml().toString()).requireSuccess();
        cluster.awaitCrdsEstablished();

        Deployment deployment = admin.apps().deployments().inNamespace(RealCluster.OPERATOR_NAMESPACE)
                .withName("openstack-snapshot-operator").get();
        assertNotNull(deployment, "the Deployment was accepted");
        assertEquals("openstack-snapshot-operator:" + DistArtefacts.VERSION,
                deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
        assertEquals(RealCluster.OPERATOR_ACCOUNT, deployment.getSpec().getTemplate().getSpec().getServiceAccountName());
        String account = "system:serviceaccount:" + RealCluster.OPERATOR_NAMESPACE + ":" + RealCluster.OPERATOR_ACCOUNT;
        for (String verbAndResource : new String[] {"watch openstacksnapshots.blockstorage.openstack.dev",
                "create snapshotrestorations.blockstorage.openstack.dev", "create persistentvolumes"}) {
            String[] words = verbAndResource.split(" ");
            assertEquals("yes", cluster.kubectl(null, "auth", "can-i", words[0], words[1], "--all-namespaces", "--as", account)
                    .stdout().strip(), account + " may " + verbAndResource);
        }
        // Applying the same file again (the next `kubectl apply`, or a GitOps sync) changes nothing.
        String before = deployment.getMetadata().getResourceVersion();
        cluster.kubectl(null, "apply", "--server-side", "--field-manager=install-yaml",
                "-f", DistArtefacts.installYaml().toString()).requireSuccess();
        assertEquals(before, admin.apps().deployments().inNamespace(RealCluster.OPERATOR_NAMESPACE)
                .withName("openstack-snapshot-operator").get().getMetadata().getResourceVersion());
    }
}
