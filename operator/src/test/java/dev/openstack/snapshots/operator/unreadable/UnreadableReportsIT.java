package dev.openstack.snapshots.operator.unreadable;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.openstack.snapshots.operator.events.TransitionEvents;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** One report per unreadable version: a relist that reads the same version again adds no event. */
@EnableKubernetesMockClient(crud = true)
class UnreadableReportsIT {

    KubernetesClient client;

    @Test
    void eachVersionIsReportedOnceWithAWarningEvent() {
        UnreadableReports reports = new UnreadableReports();
        reports.writeEventsWith(new TransitionEvents(client, Clock.systemUTC()));
        Unreadable v1 = new Unreadable("SnapshotRestoration", "ns", "r", "uid-r", "5", "spec.volume.sizeGiB: too big");
        reports.report(v1);
        reports.report(v1);
        reports.report(new Unreadable("SnapshotRestoration", "ns", "r", "uid-r", "6", "spec.volume.sizeGiB: too big"));

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> client.v1().events().inNamespace("ns").list().getItems().size() >= 2);
        List<Event> events = client.v1().events().inNamespace("ns").list().getItems();
        assertEquals(2, events.size());
        Event event = events.get(0);
        assertEquals("Warning", event.getType());
        assertEquals("Unreadable", event.getReason());
        assertEquals("SnapshotRestoration", event.getInvolvedObject().getKind());
        assertEquals("blockstorage.openstack.dev/v1alpha1", event.getInvolvedObject().getApiVersion());
        assertEquals("uid-r", event.getInvolvedObject().getUid());
        assertEquals("The operator cannot read this object and skips it: spec.volume.sizeGiB: too big. "
                + "Fix the field (kubectl edit) and it is reconciled again.", event.getMessage());
    }
}
