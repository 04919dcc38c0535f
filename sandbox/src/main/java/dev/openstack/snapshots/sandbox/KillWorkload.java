package dev.openstack.snapshots.sandbox;

import dev.openstack.snapshots.operator.api.CloudCredentialsRef;
import dev.openstack.snapshots.operator.api.DeletionPolicy;
import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotSpec;
import dev.openstack.snapshots.operator.api.RestoredVolumeSpec;
import dev.openstack.snapshots.operator.api.SnapshotReference;
import dev.openstack.snapshots.operator.api.SnapshotRestoration;
import dev.openstack.snapshots.operator.api.SnapshotRestorationSpec;
import dev.openstack.snapshots.operator.api.SourceVolume;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * What users do while the operator is being killed: create snapshots (some with a keptUntil seconds ahead, so they
 * expire), delete them, restore them into volumes and delete restorations, all with deletionPolicy Delete. It keeps a
 * ledger of every object it made, by uid, which is what the audit holds Cinder against.
 */
final class KillWorkload {

    static final String CLOUD_SECRET = "openstack-clouds";
    static final String SNAPSHOT = HasMetadata.getKind(OpenStackSnapshot.class);
    static final String RESTORATION = HasMetadata.getKind(SnapshotRestoration.class);
    /** Deletes and restorations pick objects at least this old. */
    static final Duration SETTLING = Duration.ofSeconds(15);

    /**
     * One object the workload created. {@code keptUntil} only for expiring snapshots, {@code snapshot} only for
     * restorations.
     */
    record Made(String kind, String name, String uid, Instant keptUntil, String snapshot, Instant createdAt) {

        boolean expiring() {
            return keptUntil != null;
        }
    }

    /** What the workload did, for the figures. */
    record Counts(int snapshots, int expiring, int restorations, int snapshotDeletes, int restorationDeletes) {
    }

    private final KubernetesClient client;
    private final String namespace;
    private final List<String> sourceVolumes;
    private final Random random;
    private final Clock clock;
    private final int maxLiveSnapshots;
    private final Duration expiryHorizon;
    private final List<Made> made = new ArrayList<>();
    private final List<Made> deleted = new ArrayList<>();
    private int expiring;

    KillWorkload(KubernetesClient client, String namespace, List<String> sourceVolumes, Random random, Clock clock,
            int maxLiveSnapshots, Duration expiryHorizon) {
        this.client = client;
        this.namespace = namespace;
        this.sourceVolumes = List.copyOf(sourceVolumes);
        this.random = random;
        this.clock = clock;
        this.maxLiveSnapshots = maxLiveSnapshots;
        this.expiryHorizon = expiryHorizon;
    }

    /**
     * One action, chosen at random: mostly creates, then restorations and deletes, a quarter of the creates expiring.
     * Deletes and restorations pick objects made at least {@link #SETTLING} ago, so that most of them meet an object
     * the operator already works on (creating, created) rather than one no operator has seen yet.
     */
    synchronized void act() {
        int dice = random.nextInt(100);
        List<Made> liveSnapshots = candidates(SNAPSHOT, Duration.ZERO);
        List<Made> settledSnapshots = candidates(SNAPSHOT, SETTLING);
        if (dice < 40 && liveSnapshots.size() < maxLiveSnapshots) {
            createSnapshot(random.nextInt(4) == 0);
        } else if (dice < 60 && !settledSnapshots.isEmpty()) {
            delete(settledSnapshots.get(random.nextInt(settledSnapshots.size())), OpenStackSnapshot.class);
        } else if (dice < 85 && !settledSnapshots.isEmpty()) {
            createRestoration(settledSnapshots.get(random.nextInt(settledSnapshots.size())));
        } else {
            List<Made> restorations = candidates(RESTORATION, SETTLING);
            if (!restorations.isEmpty()) {
                delete(restorations.get(random.nextInt(restorations.size())), SnapshotRestoration.class);
            } else {
                createSnapshot(false);
            }
        }
    }

    synchronized List<Made> made() {
        return List.copyOf(made);
    }

    synchronized boolean deleteRequested(String uid) {
        return deleted.stream().anyMatch(m -> m.uid().equals(uid));
    }

    synchronized Optional<Made> byUid(String uid) {
        return made.stream().filter(m -> m.uid().equals(uid)).findFirst();
    }

    synchronized Counts counts() {
        return new Counts(count(made, SNAPSHOT), expiring, count(made, RESTORATION),
                count(deleted, SNAPSHOT), count(deleted, RESTORATION));
    }

    private static int count(List<Made> list, String kind) {
        return (int) list.stream().filter(m -> m.kind().equals(kind)).count();
    }

    /** Objects of a kind that the workload may still delete or restore from: not deleted, not expiring, made before. */
    private List<Made> candidates(String kind, Duration age) {
        Instant before = clock.instant().minus(age);
        return made.stream().filter(m -> m.kind().equals(kind) && !m.expiring() && !deleted.contains(m)
                && !m.createdAt().isAfter(before)).toList();
    }

    private void createSnapshot(boolean expires) {
        OpenStackSnapshot snapshot = new OpenStackSnapshot();
        snapshot.getMetadata().setName("snap-" + made.size());
        snapshot.getMetadata().setNamespace(namespace);
        OpenStackSnapshotSpec spec = new OpenStackSnapshotSpec();
        spec.setCloudCredentialsRef(new CloudCredentialsRef(CLOUD_SECRET, "sim"));
        spec.setSourceVolume(SourceVolume.byId(sourceVolumes.get(random.nextInt(sourceVolumes.size()))));
        spec.setDeletionPolicy(DeletionPolicy.Delete);
        Instant keptUntil = null;
        if (expires) {
            long ms = 1000 + random.nextLong(Math.max(1, expiryHorizon.toMillis() - 1000));
            keptUntil = clock.instant().plusMillis(ms).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
            spec.setKeptUntil(keptUntil.toString());
            expiring++;
        }
        snapshot.setSpec(spec);
        OpenStackSnapshot created = client.resource(snapshot).create();
        made.add(new Made(SNAPSHOT, created.getMetadata().getName(), created.getMetadata().getUid(), keptUntil, null,
                clock.instant()));
    }

    private void createRestoration(Made snapshot) {
        SnapshotRestoration restoration = new SnapshotRestoration();
        String name = "restore-" + made.size();
        restoration.getMetadata().setName(name);
        restoration.getMetadata().setNamespace(namespace);
        SnapshotRestorationSpec spec = new SnapshotRestorationSpec();
        SnapshotReference ref = new SnapshotReference();
        ref.setName(snapshot.name());
        spec.setSnapshotRef(ref);
        RestoredVolumeSpec volume = new RestoredVolumeSpec();
        volume.setName(name);
        spec.setVolume(volume);
        spec.setDeletionPolicy(DeletionPolicy.Delete);
        restoration.setSpec(spec);
        SnapshotRestoration created = client.resource(restoration).create();
        made.add(new Made(RESTORATION, name, created.getMetadata().getUid(), null, snapshot.name(), clock.instant()));
    }

    private void delete(Made target, Class<? extends HasMetadata> type) {
        client.resources(type).inNamespace(namespace).withName(target.name()).delete();
        deleted.add(target);
    }
}
