package dev.openstack.snapshots.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Leader election is on unless LEADER_ELECTION=false, with the Lease in OPERATOR_NAMESPACE (the downward API in the
 * Deployment) or else the kubeconfig's namespace; and the shipped Role grants what java-operator-sdk checks for at
 * start (one rule with get, create and update on leases), or the operator would refuse to start in a cluster.
 */
class LeaderElectionTest {

    private static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();

    @Test
    void onByDefaultWithTheLeaseInTheOperatorsNamespace() {
        LeaderElection election = LeaderElection.from(Map.of("OPERATOR_NAMESPACE", "openstack-snapshot-system"), "team-a");
        LeaderElectionConfiguration configuration = election.configuration(new LeaseHandover(election)).orElseThrow();
        assertEquals("openstack-snapshot-operator", configuration.getLeaseName());
        assertEquals("openstack-snapshot-system", configuration.getLeaseNamespace().orElseThrow());
    }

    @Test
    void aJarRunByHandUsesItsKubeconfigsNamespaceLikeKubectl() {
        assertEquals("team-a", LeaderElection.from(Map.of(), "team-a").leaseNamespace());
        assertEquals("default", LeaderElection.from(Map.of(), null).leaseNamespace());
    }

    @Test
    void twoProcessesOnOneHostHaveDifferentIdentities() {
        Map<String, String> env = Map.of("HOSTNAME", "node-1");
        String first = LeaderElection.from(env, null).identity();
        String second = LeaderElection.from(env, null).identity();
        assertTrue(first.startsWith("node-1-"), first);
        assertNotEquals(first, second, "the same identity would let both processes believe they lead");
    }

    @Test
    void canBeTurnedOffAndRejectsAnythingButTrueOrFalse() {
        LeaderElection off = LeaderElection.from(Map.of("LEADER_ELECTION", "false"), "x");
        assertFalse(off.configuration(new LeaseHandover(off)).isPresent());
        LeaderElection other = LeaderElection.from(Map.of("LEADER_ELECTION_LEASE_NAME", "other"), "x");
        assertEquals("other", other.configuration(new LeaseHandover(other)).orElseThrow().getLeaseName());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LeaderElection.from(Map.of("LEADER_ELECTION", "no"), "x"));
        assertEquals("LEADER_ELECTION: not true or false: no", e.getMessage());
    }

    @Test
    void theDeploymentSetsOperatorNamespaceFromTheDownwardApi() throws IOException {
        JsonNode deployment = new YAMLMapper().readTree(ROOT.resolve("config/manager/deployment.yaml").toFile());
        JsonNode env = deployment.path("spec").path("template").path("spec").path("containers").get(0).path("env");
        List<String> fieldPaths = new ArrayList<>();
        env.forEach(e -> {
            if (e.path("name").asText().equals("OPERATOR_NAMESPACE")) {
                fieldPaths.add(e.path("valueFrom").path("fieldRef").path("fieldPath").asText());
            }
        });
        assertEquals(List.of("metadata.namespace"), fieldPaths);
    }

    @Test
    void theLeaderElectionRoleHasOneRuleWithWhatJosdkChecks() throws IOException {
        JsonNode role = new YAMLMapper().readerFor(JsonNode.class)
                .<JsonNode>readValues(ROOT.resolve("config/rbac/leader-election-role.yaml").toFile()).next();
        assertEquals("Role", role.path("kind").asText());
        List<Set<String>> leaseRules = new ArrayList<>();
        role.path("rules").forEach(rule -> {
            if (texts(rule.path("apiGroups")).contains("coordination.k8s.io") && texts(rule.path("resources")).contains("leases")) {
                leaseRules.add(texts(rule.path("verbs")));
            }
        });
        // JOSDK checks get/create/update at start; fabric8's LeaderElector then PATCHes the Lease (403 without it).
        assertEquals(List.of(Set.of("get", "create", "update", "patch")), leaseRules);
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> values = new TreeSet<>();
        array.forEach(n -> values.add(n.asText()));
        return values;
    }
}
