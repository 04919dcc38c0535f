package dev.openstack.snapshots.operator.unreadable;

import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotSchedule;
import dev.openstack.snapshots.operator.api.SnapshotRestoration;
import dev.openstack.snapshots.operator.events.TransitionEvents;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Clock;
import java.util.List;

/**
 * The Kubernetes client the operator runs on: one object that cannot be read (a number past its Java
 * type, a string where an object belongs, an unknown enum value, a required field missing: what an
 * older CRD or a later version of the operator can leave in etcd) is reported and skipped, and every
 * other object keeps being reconciled. With fabric8's plain client that object fails the informer's
 * list or closes its watch, and JOSDK stops the operator, at every start.
 */
public final class OperatorClient {

    /** The kinds whose objects are read leniently. */
    public static final List<Class<? extends HasMetadata>> KINDS =
            List.of(OpenStackSnapshot.class, SnapshotRestoration.class, OpenStackSnapshotSchedule.class);

    private OperatorClient() {
    }

    /** A client from {@code builder} (its configuration, HTTP client) with the skipping serialization. */
    public static KubernetesClient build(KubernetesClientBuilder builder, Clock clock) {
        UnreadableReports reports = new UnreadableReports();
        KubernetesClient client = builder.withKubernetesSerialization(new SkippingSerialization(KINDS, reports::report))
                .build();
        reports.writeEventsWith(new TransitionEvents(client, clock));
        return client;
    }
}
