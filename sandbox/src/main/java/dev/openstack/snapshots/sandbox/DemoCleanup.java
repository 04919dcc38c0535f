package dev.openstack.snapshots.sandbox;

import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotSchedule;
import dev.openstack.snapshots.operator.api.SnapshotRestoration;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the demo leaves on a real cluster (--kubeconfig) taken away again: namespace team-a with the demo's objects,
 * and the cluster-scoped PVs of its claims (the source claim's pv-pg-data and the restored ones).
 */
final class DemoCleanup {

    private static final Duration PATIENCE = Duration.ofMinutes(3);
    private static final String OUR_FINALIZERS = OpenStackSnapshot.GROUP + "/";
    private static final List<Class<? extends HasMetadata>> KINDS =
            List.of(OpenStackSnapshotSchedule.class, SnapshotRestoration.class, OpenStackSnapshot.class);

    private final KubernetesClient client;
    private final PrintStream out;

    DemoCleanup(KubernetesClient client, PrintStream out) {
        this.client = client;
        this.out = out;
    }

    /**
     * After this run, with its operator and its Cinder still there: as docs/operations.md says to uninstall, the objects
     * first (the operator deletes or keeps each Cinder resource per deletionPolicy and releases them), then the rest.
     */
    void afterRun() {
        out.println("Deleting the demo's objects, then namespace " + Scenario.NAMESPACE + " and its PersistentVolumes...");
        KINDS.forEach(kind -> client.resources(kind).inNamespace(Scenario.NAMESPACE).delete());
        Waits.until("the demo's objects gone", PATIENCE, () -> KINDS.stream()
                .allMatch(kind -> client.resources(kind).inNamespace(Scenario.NAMESPACE).list().getItems().isEmpty()));
        deleteNamespaceAndVolumes(false);
    }

    /**
     * Before this run, what an earlier one left (it ended with --keep-running, or failed). Its Cinder was the simulator
     * inside that run's JVM and is gone with it, so nothing can delete those Cinder resources any more: the objects are
     * released by removing our finalizers, as docs/operations.md says to for objects whose cloud is gone.
     */
    void earlierRun() {
        if (client.namespaces().withName(Scenario.NAMESPACE).get() == null && volumes().findAny().isEmpty()) {
            return;
        }
        out.println("Namespace " + Scenario.NAMESPACE + " is left from an earlier run of the demo, whose simulated Cinder is gone:"
                + " releasing its objects (our finalizers removed) and deleting it...");
        KINDS.forEach(kind -> client.resources(kind).inNamespace(Scenario.NAMESPACE).delete());
        deleteNamespaceAndVolumes(true);
    }

    private void deleteNamespaceAndVolumes(boolean releaseFinalizers) {
        client.namespaces().withName(Scenario.NAMESPACE).delete();
        Waits.until("namespace " + Scenario.NAMESPACE + " gone", PATIENCE, () -> {
            if (releaseFinalizers) {
                // Only once deleted: the operator adds its finalizer again to an object that is not being deleted.
                Stream.concat(KINDS.stream(), Stream.of(Secret.class))
                        .flatMap(kind -> client.resources(kind).inNamespace(Scenario.NAMESPACE).list().getItems().stream())
                        .filter(o -> o.getMetadata().getDeletionTimestamp() != null)
                        .filter(o -> o.getMetadata().getFinalizers().stream().anyMatch(f -> f.startsWith(OUR_FINALIZERS)))
                        .forEach(this::releaseFinalizers);
            }
            return client.namespaces().withName(Scenario.NAMESPACE).get() == null;
        });
        volumes().forEach(pv -> client.persistentVolumes().withName(pv).delete());
        Waits.until("the demo's PersistentVolumes gone", PATIENCE, () -> volumes().findAny().isEmpty());
    }

    private void releaseFinalizers(HasMetadata object) {
        client.resource(object).edit(o -> {
            o.getMetadata().setFinalizers(o.getMetadata().getFinalizers().stream().filter(f -> !f.startsWith(OUR_FINALIZERS)).toList());
            return o;
        });
    }

    /** The PVs claimed for the demo's namespace: the source claim's and the restored ones. */
    private Stream<String> volumes() {
        return client.persistentVolumes().list().getItems().stream()
                .filter(pv -> pv.getSpec().getClaimRef() != null && Scenario.NAMESPACE.equals(pv.getSpec().getClaimRef().getNamespace()))
                .map(pv -> pv.getMetadata().getName());
    }
}
