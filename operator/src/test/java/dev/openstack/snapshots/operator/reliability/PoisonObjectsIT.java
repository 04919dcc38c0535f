package dev.openstack.snapshots.operator.reliability;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotSchedule;
import dev.openstack.snapshots.operator.api.SnapshotState;
import dev.openstack.snapshots.operator.testing.OperatorHarness;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * No single object, however malformed, stops the operator or blocks its start (issue 14, defect 1).
 * Objects are written as raw JSON past the CRD schema (the mock server does not validate, like an
 * object left by an older CRD, or a field a later version of the operator writes), while the operator
 * runs and before it starts. Each is reported (an ERROR line naming it and the field, a Warning event
 * Unreadable on it) and skipped; every other object keeps reaching OK.
 */
class PoisonObjectsIT {

    private static final String API_VERSION = OpenStackSnapshot.GROUP + "/v1alpha1";

    static final OutputCapture output = OutputCapture.install();
    static final OperatorHarness h = OperatorHarness.startWithKinds(OpenStackSnapshotSchedule.class);

    @AfterAll
    static void stop() {
        try {
            h.close();
        } finally {
            output.close();
        }
    }

    /** The malformed objects of one namespace, each with the field the report must name. */
    private static List<Poison> poisons(String ns, String volume) {
        String credentials = "\"cloudCredentialsRef\": {\"secretName\": \"" + OperatorHarness.SECRET + "\", \"cloudName\": \""
                + OperatorHarness.CLOUD + "\"}";
        return List.of(
                new Poison("SnapshotRestoration", "size-overflows-int", "spec.volume.sizeGiB",
                        "{\"snapshotRef\": {\"name\": \"good\"}, \"volume\": {\"sizeGiB\": 3000000000}}", null),
                new Poison("OpenStackSnapshot", "spec-is-a-string", "spec", "\"oops\"", null),
                new Poison("OpenStackSnapshot", "unknown-deletion-policy", "spec.deletionPolicy",
                        "{" + credentials + ", \"sourceVolume\": {\"id\": \"" + volume + "\"}, \"deletionPolicy\": \"Sometimes\"}", null),
                new Poison("OpenStackSnapshot", "unknown-state", "status.state",
                        "{" + credentials + ", \"sourceVolume\": {\"id\": \"" + volume + "\"}}", "{\"state\": \"Exploded\"}"),
                new Poison("OpenStackSnapshot", "size-overflows-long", "status.sizeMiB",
                        "{" + credentials + ", \"sourceVolume\": {\"id\": \"" + volume + "\"}}", "{\"sizeMiB\": 99999999999999999999}"),
                new Poison("OpenStackSnapshot", "no-credentials", "spec.cloudCredentialsRef",
                        "{\"sourceVolume\": {\"id\": \"" + volume + "\"}}", null),
                new Poison("OpenStackSnapshot", "metadata-is-a-list", "spec.metadata",
                        "{" + credentials + ", \"sourceVolume\": {\"id\": \"" + volume + "\"}, \"metadata\": [1, 2]}", null),
                new Poison("OpenStackSnapshot", "no-spec", "spec", null, null),
                new Poison("SnapshotRestoration", "no-snapshot-ref", "spec.snapshotRef", "{\"volume\": {}}", null),
                new Poison("OpenStackSnapshotSchedule", "max-count-overflows-int", "spec.retention.maxCount",
                        "{" + credentials + ", \"sourceVolume\": {\"id\": \"" + volume + "\"}, \"schedule\": \"0 3 * * *\","
                                + " \"retention\": {\"maxCount\": 3000000000}}", null));
    }

    @Test
    void malformedObjectsWrittenWhileRunningAreReportedAndSkipped() {
        String ns = h.newNamespace();
        String volume = h.admin().createVolume("data", 1);
        h.create(h.snapshotOf(ns, "before", volume));
        h.awaitState(ns, "before", SnapshotState.OK);

        List<Poison> poisons = poisons(ns, volume);
        poisons.forEach(p -> p.write(ns));

        h.create(h.snapshotOf(ns, "after", volume));
        h.awaitState(ns, "after", SnapshotState.OK);
        assertTrue(h.operator().operator().getRuntimeInfo().allEventSourcesAreHealthy(), "every informer still runs");
        poisons.forEach(p -> p.assertReported(ns));

        // the good object keeps being reconciled: an edit is pushed to Cinder
        h.edit(ns, "before", s -> {
            s.getSpec().setDescription("still reconciled");
            return s;
        });
        OperatorHarness.waiting().until(() -> h.cinderSnapshotsOf(h.get(ns, "before")).stream()
                .anyMatch(c -> "still reconciled".equals(c.description())));
    }

    @Test
    void malformedObjectsDoNotBlockTheStart() {
        String ns = h.newNamespace();
        String volume = h.admin().createVolume("data", 1);
        h.stopOperator();
        List<Poison> poisons = poisons(ns, volume);
        poisons.forEach(p -> p.write(ns));
        h.create(h.snapshotOf(ns, "waiting", volume));

        assertDoesNotThrow(h::startOperator);
        h.awaitState(ns, "waiting", SnapshotState.OK);
        poisons.forEach(p -> p.assertReported(ns));

        // and again: a restart with the same objects still in place
        h.restartOperator();
        h.create(h.snapshotOf(ns, "after-restart", volume));
        h.awaitState(ns, "after-restart", SnapshotState.OK);
    }

    @Test
    void anObjectThatBecomesUnreadableIsSkippedUntilFixed() {
        String ns = h.newNamespace();
        String volume = h.admin().createVolume("data", 1);
        h.create(h.snapshotOf(ns, "flip", volume));
        h.awaitState(ns, "flip", SnapshotState.OK);

        GenericKubernetesResource raw = generic("OpenStackSnapshot").inNamespace(ns).withName("flip").get();
        ((Map<String, Object>) raw.getAdditionalProperties().get("spec")).put("description", Map.of("not", "a string"));
        generic("OpenStackSnapshot").inNamespace(ns).resource(raw).update();
        new Poison("OpenStackSnapshot", "flip", "spec.description", null, null).assertReported(ns);

        // a direct read says what is wrong instead of handing out a half-read object
        KubernetesClientException refused = assertThrows(KubernetesClientException.class, () -> h.get(ns, "flip"));
        assertTrue(refused.getMessage().contains("spec.description"), refused.getMessage());

        h.create(h.snapshotOf(ns, "meanwhile", volume));
        h.awaitState(ns, "meanwhile", SnapshotState.OK);

        GenericKubernetesResource broken = generic("OpenStackSnapshot").inNamespace(ns).withName("flip").get();
        ((Map<String, Object>) broken.getAdditionalProperties().get("spec")).put("description", "fixed");
        generic("OpenStackSnapshot").inNamespace(ns).resource(broken).update();
        OperatorHarness.waiting().until(() -> h.cinderSnapshotsOf(h.get(ns, "flip")).stream()
                .anyMatch(c -> "fixed".equals(c.description())));
        assertEquals(SnapshotState.OK, h.awaitState(ns, "flip", SnapshotState.OK).getStatus().getState());
    }

    @Test
    void anUnknownStatusFieldIsIgnoredAndAnUnknownSpecFieldIsReported() {
        String ns = h.newNamespace();
        String volume = h.admin().createVolume("data", 1);
        String spec = "{\"cloudCredentialsRef\": {\"secretName\": \"" + OperatorHarness.SECRET + "\", \"cloudName\": \""
                + OperatorHarness.CLOUD + "\"}, \"sourceVolume\": {\"id\": \"" + volume + "\"}";
        // a later operator's status field (a rollback): the object stays readable and is reconciled
        new Poison("OpenStackSnapshot", "later-status", "-", spec + "}", "{\"encryptionState\": \"done\"}").write(ns);
        h.awaitState(ns, "later-status", SnapshotState.OK);
        // a spec field this operator does not know (a newer CRD): it cannot honour it, so it says so and skips
        Poison unknown = new Poison("OpenStackSnapshot", "later-spec", "spec.encryption", spec + ", \"encryption\": {\"cipher\": \"aes\"}}", null);
        unknown.write(ns);
        unknown.assertReported(ns);
        h.create(h.snapshotOf(ns, "meanwhile", volume));
        h.awaitState(ns, "meanwhile", SnapshotState.OK);
    }

    private static io.fabric8.kubernetes.client.dsl.MixedOperation<GenericKubernetesResource,
            io.fabric8.kubernetes.api.model.GenericKubernetesResourceList,
            io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource>> generic(String kind) {
        return h.client().genericKubernetesResources(API_VERSION, kind);
    }

    private static GenericKubernetesResource object(String kind, String ns, String name, String spec, String status) {
        StringBuilder json = new StringBuilder("{\"apiVersion\": \"" + API_VERSION + "\", \"kind\": \"" + kind
                + "\", \"metadata\": {\"name\": \"" + name + "\", \"namespace\": \"" + ns + "\"}");
        if (spec != null) {
            json.append(", \"spec\": ").append(spec);
        }
        if (status != null) {
            json.append(", \"status\": ").append(status);
        }
        return h.client().getKubernetesSerialization().unmarshal(json.append('}').toString(), GenericKubernetesResource.class);
    }

    private record Poison(String kind, String name, String field, String spec, String status) {

        void write(String ns) {
            generic(kind).inNamespace(ns).resource(object(kind, ns, name, spec, null)).create();
            if (status != null) {
                // status is a subresource: a create drops it, as the API server does
                generic(kind).inNamespace(ns).resource(object(kind, ns, name, spec, status)).patchStatus();
            }
        }

        void assertReported(String ns) {
            OperatorHarness.waiting().untilAsserted(() -> {
                List<Event> warnings = h.events(ns, name).stream().filter(e -> "Unreadable".equals(e.getReason())).toList();
                assertEquals(1, warnings.size(), kind + " " + name + ": one Unreadable event, got " + h.eventReasons(ns, name));
                assertTrue(warnings.get(0).getMessage().contains(field), warnings.get(0).getMessage());
                assertEquals("Warning", warnings.get(0).getType());
                assertTrue(output.text().lines().anyMatch(l -> l.contains("ERROR") && l.contains(ns + "/" + name)
                        && l.contains(field)), kind + " " + name + ": an ERROR line naming it and " + field);
            });
        }
    }
}
