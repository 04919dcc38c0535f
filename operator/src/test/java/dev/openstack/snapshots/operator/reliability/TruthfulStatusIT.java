package dev.openstack.snapshots.operator.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openstack.snapshots.operator.api.DeletionPolicy;
import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotSchedule;
import dev.openstack.snapshots.operator.api.SnapshotRestoration;
import dev.openstack.snapshots.operator.api.SnapshotState;
import dev.openstack.snapshots.operator.monitoring.ObjectStateMetrics;
import dev.openstack.snapshots.operator.testing.OperatorHarness;
import dev.openstack.snapshots.simulator.faults.FaultRule;
import io.fabric8.kubernetes.api.model.Condition;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Status tells the truth (issue 14, defect 7): a delete Cinder keeps refusing with 5xx reads Deleting with
 * Progressing=True/TransientError and the error; a cloud whose listing fails (wrong password) turns every object of
 * that cloud Ready=Unknown with the reason, after a restart as well as while running, and the transient-error gauge
 * counts them; a restoration of an Erred snapshot ends Erred/SnapshotFailed instead of waiting for ever.
 */
class TruthfulStatusIT {

    static final OperatorHarness h = OperatorHarness.startWithoutQuotas();

    @BeforeAll
    static void noVolumeQuota() {
        h.simulator().controls().setQuotas(Map.of("volumes", -1, "gigabytes", -1));
    }

    @AfterEach
    void clearFaults() {
        h.simulator().controls().clearFaults();
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @Test
    void aDeleteThatKeepsFailingShowsDeletingWithTheError() {
        String ns = h.newNamespace();
        String volume = h.admin().createVolume("undeletable", 1);
        OpenStackSnapshot created = h.create(h.snapshotOf(ns, "s", volume));
        h.awaitState(ns, "s", SnapshotState.OK);
        h.simulator().controls().addFault(new FaultRule("snapshot.delete", 1000, 503, "backend down for maintenance", 0,
                false));

        h.delete(ns, "s");
        OpenStackSnapshot failing = h.await(ns, "s", s -> s.getStatus().getState() == SnapshotState.Deleting
                && "TransientError".equals(condition(s.getStatus().getConditions(), "Progressing").getReason()));
        Condition progressing = condition(failing.getStatus().getConditions(), "Progressing");
        assertEquals("True", progressing.getStatus());
        assertTrue(progressing.getMessage().contains("backend down for maintenance"), progressing.getMessage());
        assertTrue(failing.getStatus().getErrorMessage().contains("backend down for maintenance"));
        assertEquals("False", condition(failing.getStatus().getConditions(), "Ready").getStatus());

        h.simulator().controls().clearFaults();
        h.awaitGone(ns, "s");
        assertEquals(List.of(), h.cinderSnapshotsOf(created));
    }

    @Test
    void aRestoredVolumeDeleteThatKeepsFailingShowsDeletingWithTheError() {
        String ns = h.newNamespace();
        String volume = h.admin().createVolume("restorable", 1);
        h.create(h.snapshotOf(ns, "s", volume));
        h.awaitState(ns, "s", SnapshotState.OK);
        h.client().resource(OperatorHarness.restorationOf(ns, "r", "s", DeletionPolicy.Delete)).create();
        OperatorHarness.waiting().until(() -> restoration(ns, "r").getStatus() != null
                && restoration(ns, "r").getStatus().getState() == SnapshotState.OK);
        String volumeId = restoration(ns, "r").getStatus().getVolumeID();
        h.simulator().controls().addFault(new FaultRule("volume.delete", 1000, 500, "volume backend down", 0, false));

        h.client().resource(restoration(ns, "r")).delete();
        OperatorHarness.waiting().until(() -> {
            SnapshotRestoration r = restoration(ns, "r");
            return r.getStatus().getState() == SnapshotState.Deleting
                    && "TransientError".equals(condition(r.getStatus().getConditions(), "Progressing").getReason())
                    && r.getStatus().getErrorMessage().contains("volume backend down");
        });

        h.simulator().controls().clearFaults();
        OperatorHarness.waiting().until(() -> restoration(ns, "r") == null);
        assertTrue(h.cinder().volumes().get(volumeId).isEmpty());
    }

    @Test
    void aWrongPasswordMarksEveryObjectOfTheCloudUnknownWhileRunningAndAfterARestart() {
        String ns = h.newNamespace();
        String volume = h.admin().createVolume("creds", 1);
        h.create(h.snapshotOf(ns, "a", volume));
        h.create(h.snapshotOf(ns, "b", volume));
        h.awaitState(ns, "a", SnapshotState.OK);
        h.awaitState(ns, "b", SnapshotState.OK);
        h.client().resource(OperatorHarness.restorationOf(ns, "r", "a", DeletionPolicy.Retain)).create();
        OperatorHarness.waiting().until(() -> restoration(ns, "r").getStatus() != null
                && restoration(ns, "r").getStatus().getState() == SnapshotState.OK);

        // While running: the password changes under the operator.
        setPassword(ns, "wrong-password");
        awaitUnknown(ns);
        assertEquals(3.0, transientErrorGauge(ns), "the transient-error gauge counts every object of the cloud");

        // Fixed: Ready again.
        setPassword(ns, h.simulator().password());
        h.await(ns, "a", s -> "True".equals(condition(s.getStatus().getConditions(), "Ready").getStatus()));
        h.await(ns, "b", s -> "True".equals(condition(s.getStatus().getConditions(), "Ready").getStatus()));

        // At start: the operator restarts with the wrong password in place.
        h.stopOperator();
        setPassword(ns, "wrong-password");
        h.startOperator();
        awaitUnknown(ns);
        assertEquals(SnapshotState.OK, h.get(ns, "a").getStatus().getState(), "the last known state stays");
        assertEquals(3.0, transientErrorGauge(ns), "the restarted operator's gauge counts them too");

        setPassword(ns, h.simulator().password());
        h.await(ns, "a", s -> "True".equals(condition(s.getStatus().getConditions(), "Ready").getStatus()));
    }

    @Test
    void aRestorationOfAnErredSnapshotEndsErredWithSnapshotFailed() {
        String ns = h.newNamespace();
        String volume = h.admin().createVolume("erred-source", 1);
        h.simulator().controls().addFault(FaultRule.endInError("snapshot.create", 1));
        h.create(h.snapshotOf(ns, "broken", volume));
        h.awaitState(ns, "broken", SnapshotState.Erred);

        h.client().resource(OperatorHarness.restorationOf(ns, "r", "broken", DeletionPolicy.Retain)).create();
        OperatorHarness.waiting().until(() -> restoration(ns, "r").getStatus() != null
                && restoration(ns, "r").getStatus().getState() == SnapshotState.Erred);
        SnapshotRestoration failed = restoration(ns, "r");
        Condition ready = condition(failed.getStatus().getConditions(), "Ready");
        assertEquals("False", ready.getStatus());
        assertEquals("SnapshotFailed", ready.getReason());
        assertTrue(ready.getMessage().contains("is Erred"), ready.getMessage());
        assertEquals("False", condition(failed.getStatus().getConditions(), "Progressing").getStatus());
        OperatorHarness.waiting().until(() -> h.eventReasons(ns, "r").contains("Failed"));
        assertEquals(null, failed.getStatus().getVolumeID(), "nothing was asked of Cinder");
    }

    private static void awaitUnknown(String ns) {
        for (String name : List.of("a", "b")) {
            OpenStackSnapshot s = h.await(ns, name, o -> "Unknown".equals(
                    condition(o.getStatus().getConditions(), "Ready").getStatus()));
            Condition ready = condition(s.getStatus().getConditions(), "Ready");
            assertEquals("TransientError", ready.getReason());
            assertTrue(ready.getMessage().contains("Cinder listing failing"), ready.getMessage());
            assertEquals("TransientError", condition(s.getStatus().getConditions(), "Progressing").getReason());
        }
        OperatorHarness.waiting().until(() -> "Unknown".equals(
                condition(restoration(ns, "r").getStatus().getConditions(), "Ready").getStatus()));
    }

    private static double transientErrorGauge(String ns) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ObjectStateMetrics metrics = new ObjectStateMetrics(registry, h.clock(), h.operator().cache(OpenStackSnapshot.class),
                h.operator().cache(SnapshotRestoration.class), h.operator().cache(OpenStackSnapshotSchedule.class));
        double[] total = new double[1];
        OperatorHarness.waiting().until(() -> {
            metrics.refresh();
            total[0] = registry.find("openstack_snapshot_operator_objects_transient_error").tag("namespace", ns)
                    .gauges().stream().mapToDouble(g -> g.value()).sum();
            return total[0] >= 3.0;
        });
        return total[0];
    }

    private static void setPassword(String ns, String password) {
        h.client().secrets().inNamespace(ns).withName(OperatorHarness.SECRET).edit(s -> {
            s.setData(null);
            s.setStringData(Map.of("clouds.yaml", h.cloudsYaml(OperatorHarness.CLOUD, password)));
            return s;
        });
    }

    private static SnapshotRestoration restoration(String ns, String name) {
        return h.client().resources(SnapshotRestoration.class).inNamespace(ns).withName(name).get();
    }

    private static Condition condition(List<Condition> conditions, String type) {
        return conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElseThrow();
    }
}
