package dev.openstack.snapshots.operator.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openstack.snapshots.operator.api.CloudCredentialsRef;
import dev.openstack.snapshots.operator.api.DeletionPolicy;
import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotSchedule;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotScheduleSpec;
import dev.openstack.snapshots.operator.api.Retention;
import dev.openstack.snapshots.operator.api.SnapshotRestoration;
import dev.openstack.snapshots.operator.api.SnapshotState;
import dev.openstack.snapshots.operator.api.SourceVolume;
import dev.openstack.snapshots.operator.testing.OperatorHarness;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Credentials outlive their users (issue 14, defect 6): the finalizer blockstorage.openstack.dev/in-use on the
 * clouds.yaml Secret, and a namespace deletion simulated as the namespace controller does it - every object and the
 * Secret deleted in arbitrary order - that ends with nothing left in Kubernetes and Cinder cleaned per deletionPolicy.
 */
class NamespaceDeletionIT {

    static final String IN_USE = "blockstorage.openstack.dev/in-use";
    static final OperatorHarness h = OperatorHarness.startWithKinds(OpenStackSnapshotSchedule.class);

    @BeforeAll
    static void noQuotas() {
        h.simulator().controls().setQuotas(Map.of("snapshots", -1, "volumes", -1, "gigabytes", -1));
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @Test
    void theSecretIsHeldWhileUsedAndReleasedByItsLastUserWithNothingElseWritten() {
        String ns = h.newNamespace();
        // Someone else's finalizer, a label and the data must survive our writes untouched.
        h.client().secrets().inNamespace(ns).withName(OperatorHarness.SECRET).edit(s -> {
            s.getMetadata().setFinalizers(new ArrayList<>(List.of("example.com/keep")));
            s.getMetadata().setLabels(Map.of("team", "a"));
            return s;
        });
        Secret before = secret(ns);
        String volume = h.admin().createVolume("held", 1);
        h.create(h.snapshotOf(ns, "first", volume));
        h.create(h.snapshotOf(ns, "second", volume));
        h.awaitState(ns, "first", SnapshotState.OK);
        h.awaitState(ns, "second", SnapshotState.OK);

        OperatorHarness.waiting().until(() -> secret(ns).getMetadata().getFinalizers().contains(IN_USE));
        Secret held = secret(ns);
        assertEquals(List.of("example.com/keep", IN_USE), held.getMetadata().getFinalizers());
        assertEquals(before.getData(), held.getData());
        assertEquals(before.getMetadata().getLabels(), held.getMetadata().getLabels());
        assertEquals(before.getMetadata().getAnnotations(), held.getMetadata().getAnnotations());

        h.delete(ns, "first");
        h.awaitGone(ns, "first");
        OperatorHarness.waiting().during(Duration.ofSeconds(1))
                .until(() -> secret(ns).getMetadata().getFinalizers().contains(IN_USE));

        h.delete(ns, "second");
        h.awaitGone(ns, "second");
        OperatorHarness.waiting().until(() -> !secret(ns).getMetadata().getFinalizers().contains(IN_USE));
        Secret released = secret(ns);
        assertEquals(List.of("example.com/keep"), released.getMetadata().getFinalizers());
        assertEquals(before.getData(), released.getData());
        assertEquals(before.getMetadata().getLabels(), released.getMetadata().getLabels());
    }

    @Test
    void deletingTheSecretBeforeTheSnapshotStillDeletesTheCinderSnapshot() {
        String ns = h.newNamespace();
        String volume = h.admin().createVolume("secret-first", 1);
        OpenStackSnapshot created = h.create(h.snapshotOf(ns, "s", volume));
        h.awaitState(ns, "s", SnapshotState.OK);
        OperatorHarness.waiting().until(() -> secret(ns).getMetadata().getFinalizers().contains(IN_USE));

        h.client().secrets().inNamespace(ns).withName(OperatorHarness.SECRET).delete();
        h.delete(ns, "s");

        h.awaitGone(ns, "s");
        OperatorHarness.waiting().until(() -> secret(ns) == null);
        assertEquals(List.of(), h.cinderSnapshotsOf(created));
    }

    @Test
    void objectsThatNeverReachedCinderGoWithoutTheirSecretAndWithoutACinderCall() {
        String ns = h.newNamespace();
        h.client().secrets().inNamespace(ns).withName(OperatorHarness.SECRET).delete();
        OperatorHarness.waiting().until(() -> secret(ns) == null);
        String volume = h.admin().createVolume("never", 1);
        h.create(h.snapshotOf(ns, "never", volume));
        OpenStackSnapshot erred = h.awaitState(ns, "never", SnapshotState.Erred);
        assertTrue(erred.getStatus().getErrorMessage().contains("not found"), erred.getStatus().getErrorMessage());
        h.client().resource(OperatorHarness.restorationOf(ns, "never-restored", "never", DeletionPolicy.Delete)).create();
        OperatorHarness.waiting().until(() -> restoration(ns, "never-restored") != null
                && restoration(ns, "never-restored").getStatus() != null);
        Map<String, Long> callsBefore = h.simulator().controls().counters();

        h.delete(ns, "never");
        h.client().resources(SnapshotRestoration.class).inNamespace(ns).withName("never-restored").delete();

        h.awaitGone(ns, "never");
        OperatorHarness.waiting().until(() -> restoration(ns, "never-restored") == null);
        Map<String, Long> callsAfter = h.simulator().controls().counters();
        for (String call : List.of("keystone.auth", "snapshot.get", "snapshot.delete", "volume.get", "volume.delete")) {
            assertEquals(callsBefore.getOrDefault(call, 0L), callsAfter.getOrDefault(call, 0L), call);
        }
    }

    @Test
    void aScheduleWithoutItsSecretTakesNoSnapshotAndSaysWhy() {
        String ns = h.newNamespace();
        h.client().secrets().inNamespace(ns).withName(OperatorHarness.SECRET).delete();
        OperatorHarness.waiting().until(() -> secret(ns) == null);
        String volume = h.admin().createVolume("unscheduled", 1);
        Instant slot = upcomingMinute();
        h.clock().advance(Duration.between(h.clock().instant(), slot.minusSeconds(3)));
        h.client().resource(schedule(ns, "every-minute", volume)).create();

        OperatorHarness.waiting().until(() -> {
            OpenStackSnapshotSchedule s = schedule(ns);
            return s != null && s.getStatus() != null && s.getStatus().getConditions() != null
                    && s.getStatus().getConditions().stream().anyMatch(c -> "False".equals(c.getStatus())
                    && c.getMessage().contains("Secret " + ns + "/" + OperatorHarness.SECRET + " not found"));
        });
        h.clock().advance(Duration.ofMinutes(3));
        OperatorHarness.waiting().during(Duration.ofSeconds(3)).until(() -> children(ns).isEmpty());

        // The Secret appears: the schedule notices (its watch) and the next slot runs.
        Instant next = upcomingMinute();
        h.clock().holdAt(next.minus(HOLD));
        h.client().secrets().inNamespace(ns).resource(h.cloudsSecret(OperatorHarness.SECRET, OperatorHarness.CLOUD,
                h.simulator().password())).create();
        runInto(ns, next);
        OperatorHarness.waiting().until(() -> children(ns).size() == 1);
        h.client().resources(OpenStackSnapshotSchedule.class).inNamespace(ns).withName("every-minute").delete();
        OperatorHarness.waiting().until(() -> schedule(ns) == null);
    }

    /** Namespace deletion as kube-controller-manager does it: everything deleted at once, in no particular order. */
    @ParameterizedTest(name = "order seed {0}")
    @ValueSource(longs = {0, 1, 2})
    void deletingANamespaceCompletesAndCleansCinderPerDeletionPolicy(long seed) {
        String ns = h.newNamespace();
        String volume = h.admin().createVolume("ns-" + seed, 1);
        OpenStackSnapshot deleted = h.create(h.snapshotOf(ns, "deleted", volume));
        OpenStackSnapshot retainedSpec = h.snapshotOf(ns, "retained", volume);
        retainedSpec.getSpec().setDeletionPolicy(DeletionPolicy.Retain);
        OpenStackSnapshot retained = h.create(retainedSpec);
        h.create(h.snapshotOf(ns, "no-such-volume", "00000000-0000-0000-0000-00000000dead"));
        h.awaitState(ns, "deleted", SnapshotState.OK);
        h.awaitState(ns, "retained", SnapshotState.OK);
        h.awaitState(ns, "no-such-volume", SnapshotState.Erred);
        h.client().resource(OperatorHarness.restorationOf(ns, "restored-delete", "deleted", DeletionPolicy.Delete)).create();
        h.client().resource(OperatorHarness.restorationOf(ns, "restored-retain", "deleted", DeletionPolicy.Retain)).create();
        String deletedVolume = awaitVolume(ns, "restored-delete");
        String retainedVolume = awaitVolume(ns, "restored-retain");
        Instant slot = upcomingMinute();
        h.clock().holdAt(slot.minus(HOLD));
        h.client().resource(schedule(ns, "every-minute", volume)).create();
        runInto(ns, slot);
        OperatorHarness.waiting().until(() -> children(ns).size() == 1);
        String child = children(ns).get(0).getMetadata().getName();
        OpenStackSnapshot childObject = h.awaitState(ns, child, SnapshotState.OK);

        List<HasMetadata> everything = new ArrayList<>();
        everything.addAll(h.client().resources(OpenStackSnapshot.class).inNamespace(ns).list().getItems());
        everything.addAll(h.client().resources(SnapshotRestoration.class).inNamespace(ns).list().getItems());
        everything.addAll(h.client().resources(OpenStackSnapshotSchedule.class).inNamespace(ns).list().getItems());
        everything.add(secret(ns));
        if (seed == 0) {
            everything.add(0, everything.remove(everything.size() - 1)); // the Secret first
        } else {
            Collections.shuffle(everything, new Random(seed));
        }
        everything.forEach(o -> h.client().resource(o).delete());

        OperatorHarness.waiting().atMost(Duration.ofSeconds(60)).until(() ->
                h.client().resources(OpenStackSnapshot.class).inNamespace(ns).list().getItems().isEmpty()
                        && h.client().resources(SnapshotRestoration.class).inNamespace(ns).list().getItems().isEmpty()
                        && h.client().resources(OpenStackSnapshotSchedule.class).inNamespace(ns).list().getItems().isEmpty()
                        && secret(ns) == null);
        assertEquals(List.of(), h.cinderSnapshotsOf(deleted), "deletionPolicy Delete");
        assertEquals(List.of(), h.cinderSnapshotsOf(childObject), "the schedule's child (Delete)");
        assertEquals(1, h.cinderSnapshotsOf(retained).size(), "deletionPolicy Retain");
        assertTrue(h.cinder().volumes().get(deletedVolume).isEmpty(), "restoration with deletionPolicy Delete");
        assertTrue(h.cinder().volumes().get(retainedVolume).isPresent(), "restoration with deletionPolicy Retain");
    }

    private static String awaitVolume(String ns, String name) {
        OperatorHarness.waiting().until(() -> {
            SnapshotRestoration r = restoration(ns, name);
            return r != null && r.getStatus() != null && r.getStatus().getState() == SnapshotState.OK;
        });
        return restoration(ns, name).getStatus().getVolumeID();
    }

    static Secret secret(String ns) {
        return h.client().secrets().inNamespace(ns).withName(OperatorHarness.SECRET).get();
    }

    static SnapshotRestoration restoration(String ns, String name) {
        return h.client().resources(SnapshotRestoration.class).inNamespace(ns).withName(name).get();
    }

    static OpenStackSnapshotSchedule schedule(String ns) {
        return h.client().resources(OpenStackSnapshotSchedule.class).inNamespace(ns).withName("every-minute").get();
    }

    static List<OpenStackSnapshot> children(String ns) {
        return h.client().resources(OpenStackSnapshot.class).inNamespace(ns)
                .withLabel(OpenStackSnapshotSchedule.SCHEDULE_LABEL).list().getItems();
    }

    static OpenStackSnapshotSchedule schedule(String ns, String name, String volume) {
        OpenStackSnapshotScheduleSpec spec = new OpenStackSnapshotScheduleSpec();
        spec.setCloudCredentialsRef(new CloudCredentialsRef(OperatorHarness.SECRET, OperatorHarness.CLOUD));
        spec.setSourceVolume(SourceVolume.byId(volume));
        spec.setSchedule("* * * * *");
        spec.setRetention(new Retention("168h", null));
        OpenStackSnapshotSchedule schedule = new OpenStackSnapshotSchedule();
        schedule.getMetadata().setNamespace(ns);
        schedule.getMetadata().setName(name);
        schedule.setSpec(spec);
        return schedule;
    }

    /**
     * How far before a slot the test clock is held until the schedule has announced it: what the operator's wake-up
     * timer then waits in real time (see MutableClock).
     */
    static final Duration HOLD = Duration.ofMillis(300);

    /** Once the schedule has announced {@code slot}, lets the held clock run on into it. */
    static void runInto(String ns, Instant slot) {
        OperatorHarness.waiting().until(() -> {
            OpenStackSnapshotSchedule s = schedule(ns);
            return s != null && s.getStatus() != null && slot.toString().equals(s.getStatus().getNextScheduleTime());
        });
        h.clock().resume();
    }

    /** A test that failed while the clock was held must not leave it held for the next one. */
    @AfterEach
    void resumeClock() {
        h.clock().resume();
    }

    /** The next whole minute of the test clock at least 4 s away. */
    static Instant upcomingMinute() {
        Instant now = h.clock().instant();
        Instant next = now.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
        return Duration.between(now, next).getSeconds() < 4 ? next.plus(1, ChronoUnit.MINUTES) : next;
    }
}
