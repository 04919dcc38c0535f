package dev.openstack.snapshots.e2e.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openstack.snapshots.e2e.cluster.Commands;
import dev.openstack.snapshots.e2e.cluster.RealCluster;
import dev.openstack.snapshots.e2e.cluster.RealClusterCondition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * RBAC as users meet it, acting as them through impersonation ({@code kubectl --as}), not only asking
 * {@code auth can-i}: a namespace user bound to the built-in {@code edit} role creates, updates and deletes the three
 * kinds (the aggregated ClusterRoles of config/rbac/user-roles.yaml), one bound to {@code view} reads them and can
 * change nothing. The operator's side of RBAC: {@link NamespacedInstallE2E} and the other cluster tests.
 */
@ExtendWith(RealClusterCondition.class)
class UserRbacE2E {

    private static final String NAMESPACE = "rbac-e2e";

    private static final String SNAPSHOT = """
            apiVersion: blockstorage.openstack.dev/v1alpha1
            kind: OpenStackSnapshot
            metadata: {name: pg}
            spec:
              cloudCredentialsRef: {secretName: openstack-clouds, cloudName: openstack}
              sourceVolume: {id: 0b7c1e9a-5d43-4f8e-9a61-000000000001}
            """;
    private static final String RESTORATION = """
            apiVersion: blockstorage.openstack.dev/v1alpha1
            kind: SnapshotRestoration
            metadata: {name: pg-restored}
            spec: {snapshotRef: {name: pg}}
            """;
    private static final String SCHEDULE = """
            apiVersion: blockstorage.openstack.dev/v1alpha1
            kind: OpenStackSnapshotSchedule
            metadata: {name: nightly}
            spec:
              cloudCredentialsRef: {secretName: openstack-clouds, cloudName: openstack}
              sourceVolume: {name: pg-data}
              schedule: "0 3 * * *"
            """;
    private static final Map<String, String> SPEC_EDITS = Map.of(
            "openstacksnapshot/pg", "{\"spec\":{\"description\":\"edited\"}}",
            "snapshotrestoration/pg-restored", "{\"spec\":{\"deletionPolicy\":\"Delete\"}}",
            "openstacksnapshotschedule/nightly", "{\"spec\":{\"suspend\":true}}");

    private static RealCluster cluster;

    @BeforeAll
    static void namespaceWithAnEditorAndAViewer() {
        cluster = RealCluster.fromEnvironment().orElseThrow().installOperator();
        Namespaces.recreate(cluster, NAMESPACE);
        admin("create", "rolebinding", "alice-edit", "--clusterrole=edit", "--user=alice", "-n", NAMESPACE).requireSuccess();
        admin("create", "rolebinding", "bob-view", "--clusterrole=view", "--user=bob", "-n", NAMESPACE).requireSuccess();
        // The ClusterRole aggregation controller (kube-controller-manager) folds our rules into edit/view shortly
        // after they are created; wait for it, then act.
        awaitAllowed("alice", "create", "openstacksnapshotschedules");
        awaitAllowed("bob", "list", "snapshotrestorations");
    }

    @AfterAll
    static void cleanUp() {
        Namespaces.delete(cluster, NAMESPACE);
    }

    @Test
    void anEditorCreatesUpdatesAndDeletesTheThreeKindsButNotTheirStatus() {
        for (String manifest : List.of(SNAPSHOT, RESTORATION, SCHEDULE)) {
            as("alice", manifest, "create", "-f", "-").requireSuccess();
        }
        SPEC_EDITS.forEach((object, patch) -> as("alice", null, "patch", object, "--type=merge", "-p", patch).requireSuccess());
        assertForbidden(as("alice", null, "patch", "openstacksnapshot/pg", "--subresource=status", "--type=merge",
                "-p", "{\"status\":{\"state\":\"OK\"}}"));
        assertEquals("edited", admin("get", "openstacksnapshot/pg", "-n", NAMESPACE, "-o", "jsonpath={.spec.description}")
                .requireSuccess().stdout());
        for (String object : SPEC_EDITS.keySet()) {
            as("alice", null, "delete", object, "--wait=false").requireSuccess();
        }
    }

    @Test
    void aViewerReadsTheThreeKindsAndChangesNothing() {
        String created = "viewed-" + Instant.now().toEpochMilli();
        adminWithInput(SNAPSHOT.replace("name: pg}", "name: " + created + "}"), "create", "-n", NAMESPACE, "-f", "-").requireSuccess();
        String listed = as("bob", null, "get", "openstacksnapshots,snapshotrestorations,openstacksnapshotschedules",
                "-o", "name").requireSuccess().stdout();
        assertTrue(listed.contains("openstacksnapshot.blockstorage.openstack.dev/" + created), listed);
        as("bob", null, "get", "openstacksnapshot/" + created, "-o", "yaml").requireSuccess();
        assertForbidden(as("bob", SCHEDULE, "create", "-f", "-"));
        assertForbidden(as("bob", null, "patch", "openstacksnapshot/" + created, "--type=merge", "-p",
                "{\"spec\":{\"description\":\"x\"}}"));
        assertForbidden(as("bob", null, "delete", "openstacksnapshot/" + created));
        assertForbidden(as("carol", null, "get", "openstacksnapshots"));
    }

    private static void awaitAllowed(String user, String verb, String resource) {
        Instant deadline = Instant.now().plusSeconds(60);
        while (!admin("auth", "can-i", verb, resource, "-n", NAMESPACE, "--as=" + user).stdout().trim().equals("yes")) {
            assertTrue(Instant.now().isBefore(deadline), user + " may " + verb + " " + resource + " within 60 s");
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static void assertForbidden(Commands.Result result) {
        assertFalse(result.ok(), "expected a refusal, got: " + result.stdout());
        assertTrue(result.stderr().contains("Forbidden") || result.stderr().contains("forbidden"), result.stderr());
    }

    private static Commands.Result as(String user, String stdin, String... args) {
        List<String> command = new ArrayList<>(List.of("--as=" + user, "-n", NAMESPACE));
        command.addAll(List.of(args));
        return cluster.kubectl(stdin, command.toArray(String[]::new));
    }

    private static Commands.Result admin(String... args) {
        return cluster.kubectl(null, args);
    }

    private static Commands.Result adminWithInput(String stdin, String... args) {
        return cluster.kubectl(stdin, args);
    }
}
