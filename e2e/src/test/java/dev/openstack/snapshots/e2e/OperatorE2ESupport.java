package dev.openstack.snapshots.e2e;

import dev.openstack.snapshots.operator.testing.admin.CinderAdmin;
import dev.openstack.snapshots.operator.testing.admin.KeystoneLogin;
import dev.openstack.snapshots.operator.testing.admin.CloudEntry;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openstack.snapshots.operator.api.CloudCredentialsRef;
import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotSpec;
import dev.openstack.snapshots.operator.api.SnapshotState;
import dev.openstack.snapshots.operator.api.SourceVolume;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every operator e2e class shares: the operator on the real cloud, the tests' own view of Cinder,
 * a run prefix that names every namespace, volume and snapshot of the class, and the leak check at the
 * end (Cinder must hold nothing of this run that a test did not remove on purpose).
 */
@ExtendWith(RealCloudCondition.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OperatorE2ESupport {

    /** Real Cinder is quick (< 1 s per transition), but the CI machine is small and shared. */
    static final Duration PATIENCE = Duration.ofMinutes(3);

    E2eSettings settings;
    CinderAdmin cinder;
    OperatorUnderTest operator;
    String prefix;
    private final Deque<Runnable> cleanups = new ArrayDeque<>();
    private final Map<String, String> cloudOf = new ConcurrentHashMap<>();
    private Optional<CinderAdmin> admin;

    /**
     * The admin's view of Cinder, scoped to the operator's project when the admin may log in there
     * (status resets act on that project's snapshots), else to the admin's own project.
     */
    Optional<CinderAdmin> admin() {
        if (admin == null) {
            admin = settings.adminCloud().map(name -> {
                CloudEntry entry = settings.clouds().entry(name);
                CloudEntry ours = settings.entry();
                if (ours.projectName() != null && !entry.isApplicationCredential()
                        && KeystoneLogin.tryLogin(entry.inProject(ours.projectName())).ok()) {
                    return CinderAdmin.login(entry.inProject(ours.projectName()));
                }
                return CinderAdmin.login(entry);
            });
        }
        return admin;
    }

    @BeforeAll
    void startOperator() {
        settings = E2eSettings.fromEnvironment().orElseThrow();
        cinder = CinderAdmin.login(settings.entry());
        prefix = "e2e-" + UUID.randomUUID().toString().substring(0, 6) + "-";
        operator = OperatorUnderTest.start();
    }

    @AfterEach
    void runCleanups() {
        while (!cleanups.isEmpty()) {
            try {
                cleanups.pop().run();
            } catch (RuntimeException e) {
                System.err.println("cleanup: " + e);
            }
        }
    }

    @AfterAll
    void stopOperatorAndCheckForLeaks() {
        try {
            if (operator != null) {
                operator.close();
            }
        } finally {
            if (cinder != null) {
                List<String> leaks = new CinderLeakCheck(cinder, prefix).sweep();
                assertTrue(leaks.isEmpty(), "Cinder still held resources of this run (now deleted): " + leaks);
            }
        }
    }

    /** Runs after the current test, last registered first. */
    void afterwards(Runnable cleanup) {
        cleanups.push(cleanup);
    }

    // --- fixtures ------------------------------------------------------------------------------------

    /** A fresh namespace whose Secret holds {@code cloud} of the clouds.yaml. */
    String namespace(String suffix, String cloud) {
        return namespace(suffix, cloud, settings.clouds().yamlOf(cloud));
    }

    /** A fresh namespace whose Secret holds {@code cloudsYaml}, of which snapshots use {@code cloud}. */
    String namespace(String suffix, String cloud, String cloudsYaml) {
        String namespace = prefix + suffix;
        operator.namespaceWithClouds(namespace, cloudsYaml);
        cloudOf.put(namespace, cloud);
        return namespace;
    }

    String namespace(String suffix) {
        return namespace(suffix, settings.cloud());
    }

    /** An available 1 GiB volume in the operator's project, deleted after the test. */
    String sourceVolume(String suffix) {
        return sourceVolume(cinder, suffix);
    }

    String sourceVolume(CinderAdmin in, String suffix) {
        String id = in.createVolume(prefix + suffix, 1);
        afterwards(() -> in.deleteVolumeAndWait(id));
        return id;
    }

    // --- OpenStackSnapshot objects ---------------------------------------------------------------------

    OpenStackSnapshot snapshotOf(String namespace, String name, String volumeId, Consumer<OpenStackSnapshotSpec> more) {
        OpenStackSnapshotSpec spec = new OpenStackSnapshotSpec();
        spec.setCloudCredentialsRef(new CloudCredentialsRef(OperatorUnderTest.SECRET, cloudOf.get(namespace)));
        if (volumeId != null) {
            spec.setSourceVolume(SourceVolume.byId(volumeId));
        }
        spec.setName(prefix + name);
        more.accept(spec);
        OpenStackSnapshot snapshot = new OpenStackSnapshot();
        snapshot.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
        snapshot.setSpec(spec);
        return operator.kubernetes().resource(snapshot).create();
    }

    Resource<OpenStackSnapshot> resource(String namespace, String name) {
        return operator.kubernetes().resources(OpenStackSnapshot.class).inNamespace(namespace).withName(name);
    }

    OpenStackSnapshot awaitSnapshot(String namespace, String name, String what, Predicate<OpenStackSnapshot> condition) {
        return await(namespace + "/" + name + " " + what).atMost(PATIENCE).pollInterval(Duration.ofMillis(250))
                .until(() -> resource(namespace, name).get(), s -> s != null && condition.test(s));
    }

    OpenStackSnapshot awaitState(String namespace, String name, SnapshotState state) {
        return awaitSnapshot(namespace, name, "state " + state,
                s -> s.getStatus() != null && s.getStatus().getState() == state);
    }

    void awaitObjectGone(String namespace, String name) {
        await(namespace + "/" + name + " gone").atMost(PATIENCE).pollInterval(Duration.ofMillis(250))
                .until(() -> resource(namespace, name).get() == null);
    }

    void deleteObject(String namespace, String name) {
        resource(namespace, name).delete();
        awaitObjectGone(namespace, name);
    }

    void edit(String namespace, String name, Consumer<OpenStackSnapshot> change) {
        resource(namespace, name).edit(s -> {
            change.accept(s);
            return s;
        });
    }

    void annotate(String namespace, String name, String key, String value) {
        edit(namespace, name, s -> {
            Map<String, String> annotations = s.getMetadata().getAnnotations() == null
                    ? new HashMap<>() : new HashMap<>(s.getMetadata().getAnnotations());
            annotations.put(key, value);
            s.getMetadata().setAnnotations(annotations);
        });
    }

    static Optional<Condition> condition(OpenStackSnapshot snapshot, String type) {
        return snapshot.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    static void assertReady(OpenStackSnapshot snapshot, String status, String reason) {
        Condition ready = condition(snapshot, "Ready").orElseThrow(() -> new AssertionError("no Ready condition"));
        assertEquals(status, ready.getStatus(), "Ready of " + snapshot.getMetadata().getName());
        assertEquals(reason, ready.getReason(), "Ready reason of " + snapshot.getMetadata().getName());
    }

    /** The Cinder snapshot's own metadata without the operator's owner tags. */
    Map<String, String> userMetadata(JsonNode cinderSnapshot) {
        Map<String, String> metadata = cinder.metadataOf(cinderSnapshot);
        metadata.keySet().removeIf(k -> k.startsWith("k8s-owner-"));
        return metadata;
    }
}
