package dev.openstack.snapshots.sandbox;

import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotStatus;
import dev.openstack.snapshots.operator.api.SnapshotRestoration;
import dev.openstack.snapshots.operator.api.SnapshotRestorationStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * What `kubectl get osnap -w` and `kubectl get osrestore -w` would print: one row whenever an object's printer
 * columns change, and a row when it is gone. Rows start with the seconds since the sandbox started.
 */
final class LiveTable implements AutoCloseable {

    private static final String SNAPSHOT_FORMAT = "%7s  osnap      %-26s %-18s %-10s %6s  %-10s %-21s%n";
    private static final String RESTORE_FORMAT = "%7s  osrestore  %-26s %-18s %-10s %6s  %-10s snapshot=%s%n";

    private final PrintStream out;
    private final Instant started;
    private final Map<String, String> lastRow = new ConcurrentHashMap<>();
    private final List<SharedIndexInformer<? extends HasMetadata>> informers;

    LiveTable(KubernetesClient client, PrintStream out, boolean restorations) {
        this.out = out;
        this.started = Instant.now();
        out.printf("%7s  %-10s %-26s %-18s %-10s %6s  %-10s %s%n", "T+", "KIND", "NAME", "STATE", "RUNTIME", "SIZE",
                "SOURCE/VOLUME", "KEPT-UNTIL");
        SharedIndexInformer<OpenStackSnapshot> snapshots = client.resources(OpenStackSnapshot.class).inNamespace(Scenario.NAMESPACE)
                .inform(handler(this::snapshotRow));
        informers = restorations
                ? List.of(snapshots, client.resources(SnapshotRestoration.class).inNamespace(Scenario.NAMESPACE).inform(handler(this::restorationRow)))
                : List.of(snapshots);
    }

    private <T extends HasMetadata> ResourceEventHandler<T> handler(BiFunction<T, Boolean, String> row) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj) {
                print(obj, row.apply(obj, false));
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                print(newObj, row.apply(newObj, false));
            }

            @Override
            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
                print(obj, row.apply(obj, true));
            }
        };
    }

    private synchronized void print(HasMetadata obj, String row) {
        String key = obj.getKind() + "/" + obj.getMetadata().getNamespace() + "/" + obj.getMetadata().getName();
        if (!Objects.equals(lastRow.put(key, row), row)) {
            out.print(elapsed() + row.substring(7));
        }
    }

    private String snapshotRow(OpenStackSnapshot s, boolean deleted) {
        OpenStackSnapshotStatus st = s.getStatus() == null ? new OpenStackSnapshotStatus() : s.getStatus();
        String source = st.getSourceVolume() == null ? "" : shortId(st.getSourceVolume().getId());
        return SNAPSHOT_FORMAT.formatted("", s.getMetadata().getName(), deleted ? "(deleted)" : text(st.getState()), text(st.getRuntimeState()),
                st.getSizeMiB() == null ? "" : st.getSizeMiB() / 1024 + "Gi", source, text(st.getKeptUntil()));
    }

    private String restorationRow(SnapshotRestoration r, boolean deleted) {
        SnapshotRestorationStatus st = r.getStatus() == null ? new SnapshotRestorationStatus() : r.getStatus();
        return RESTORE_FORMAT.formatted("", r.getMetadata().getName(), deleted ? "(deleted)" : text(st.getState()), text(st.getVolumeRuntimeState()),
                st.getVolumeSizeMiB() == null ? "" : st.getVolumeSizeMiB() / 1024 + "Gi", shortId(st.getVolumeID()),
                r.getSpec() == null || r.getSpec().getSnapshotRef() == null ? "" : r.getSpec().getSnapshotRef().getName());
    }

    private String elapsed() {
        Duration d = Duration.between(started, Instant.now());
        return String.format("%6.1fs", d.toMillis() / 1000.0);
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    /** Volume ids are 36 characters; the first 8 tell them apart in a demo. */
    private static String shortId(String id) {
        return id == null || id.length() < 8 ? text(id) : id.substring(0, 8) + "…";
    }

    @Override
    public void close() {
        informers.forEach(SharedIndexInformer::close);
    }
}
