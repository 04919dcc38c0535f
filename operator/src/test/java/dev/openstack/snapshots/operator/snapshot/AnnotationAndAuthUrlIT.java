package dev.openstack.snapshots.operator.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.SnapshotState;
import dev.openstack.snapshots.operator.testing.OperatorHarness;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, smaller items: an auth_url that is not HTTP(S) is a configuration error, not a transient one; an
 * annotation value the operator does not understand is answered with a Warning event naming the accepted values.
 */
class AnnotationAndAuthUrlIT {

    static final OperatorHarness h = OperatorHarness.start();

    @AfterAll
    static void stop() {
        h.close();
    }

    @Test
    void aNonHttpAuthUrlIsInvalidConfiguration() {
        String ns = h.newNamespace();
        String yaml = h.cloudsYaml(OperatorHarness.CLOUD, h.simulator().password())
                .replace(h.simulator().authUrl(), "ftp://keystone.example/v3");
        h.client().secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName("ftp").endMetadata()
                .addToStringData("clouds.yaml", yaml).build()).create();
        String volume = h.admin().createVolume("v-ftp", 1);
        OpenStackSnapshot s = h.snapshotOf(ns, "s", volume);
        s.getSpec().getCloudCredentialsRef().setSecretName("ftp");
        h.create(s);
        OpenStackSnapshot erred = h.awaitState(ns, "s", SnapshotState.Erred);
        assertEquals("InvalidConfiguration", condition(erred, "Ready").getReason());
        assertEquals("False", condition(erred, "Progressing").getStatus(), "terminal, not retried");
        assertTrue(erred.getStatus().getErrorMessage().contains("auth_url must be an http or https URL"),
                erred.getStatus().getErrorMessage());
        assertEquals(0, h.cinderSnapshotsOfVolume(volume).size());
    }

    @Test
    void anUnknownUnlinkValueIsAnsweredWithAWarningNamingTheAcceptedValues() {
        String ns = h.newNamespace();
        String volume = h.admin().createVolume("v-unlink-yes", 1);
        h.create(h.snapshotOf(ns, "s", volume));
        h.awaitState(ns, "s", SnapshotState.OK);
        h.edit(ns, "s", o -> {
            o.getMetadata().getAnnotations().put(OpenStackSnapshot.UNLINK_ANNOTATION, "yes");
            return o;
        });
        h.waiting().until(() -> warnings(ns).size() == 1);
        Event warning = warnings(ns).get(0);
        assertEquals("Warning", warning.getType());
        assertTrue(warning.getMessage().contains("\"yes\"") && warning.getMessage().contains("\"true\"")
                && warning.getMessage().contains("\"false\""), warning.getMessage());

        // once per value: a pull does not repeat it; a second wrong value is answered again
        h.edit(ns, "s", o -> {
            o.getMetadata().getAnnotations().put(OpenStackSnapshot.PULL_ANNOTATION, "1");
            return o;
        });
        h.await(ns, "s", o -> "1".equals(o.getStatus().getLastHandledPullAt()));
        assertEquals(1, warnings(ns).size());
        h.edit(ns, "s", o -> {
            o.getMetadata().getAnnotations().put(OpenStackSnapshot.UNLINK_ANNOTATION, "True ");
            return o;
        });
        h.waiting().until(() -> warnings(ns).size() == 2);

        // "yes" is not "true": deleting deletes the Cinder snapshot, as without the annotation
        h.delete(ns, "s");
        h.awaitGone(ns, "s");
        assertEquals(0, h.cinderSnapshotsOfVolume(volume).size());
    }

    private static List<Event> warnings(String ns) {
        return h.events(ns, "s").stream().filter(e -> "InvalidAnnotation".equals(e.getReason())).toList();
    }

    private static Condition condition(OpenStackSnapshot s, String type) {
        return s.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElseThrow();
    }
}
