package dev.openstack.snapshots.operator.schedule;

import dev.openstack.snapshots.operator.events.TransitionEvents;
import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotSchedule;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The only place the schedule controller changes anything: it creates and deletes OpenStackSnapshots. */
public final class ScheduleActions {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduleActions.class);

    private final KubernetesClient client;
    private final TransitionEvents events;

    public ScheduleActions(KubernetesClient client, TransitionEvents events) {
        this.client = client;
        this.events = events;
    }

    /** Creates the slot's snapshot of every source; one that already exists (409) was made by an earlier attempt. */
    public void run(OpenStackSnapshotSchedule schedule, Instant slot, List<ScheduleSource> sources,
                    Optional<Duration> keepFor) {
        List<String> created = new ArrayList<>();
        for (ScheduleSource source : sources) {
            OpenStackSnapshot child = ChildSnapshots.build(schedule, source, slot, keepFor);
            try {
                client.resources(OpenStackSnapshot.class).inNamespace(child.getMetadata().getNamespace())
                        .resource(child).create();
                created.add(child.getMetadata().getName());
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
            }
        }
        String where = schedule.getMetadata().getNamespace() + "/" + schedule.getMetadata().getName();
        if (sources.isEmpty()) {
            LOG.info("{}: slot {}: no source volume selected", where, slot);
        } else if (!created.isEmpty()) {
            LOG.info("{}: slot {}: created {}", where, slot, String.join(", ", created));
            events.normal(schedule, "Created", "Created " + String.join(", ", created) + " for slot " + slot);
        }
    }

    /** Deletes snapshots beyond maxCount (their own finalizer deletes them in Cinder, per their deletionPolicy). */
    public void prune(OpenStackSnapshotSchedule schedule, List<ScheduledChild> beyondMaxCount, int maxCount) {
        for (ScheduledChild child : beyondMaxCount) {
            List<?> deleted = client.resources(OpenStackSnapshot.class)
                    .inNamespace(schedule.getMetadata().getNamespace()).withName(child.name()).delete();
            if (!deleted.isEmpty()) {
                LOG.info("{}/{}: pruned {} (more than {} Ready snapshots of {})", schedule.getMetadata().getNamespace(),
                        schedule.getMetadata().getName(), child.name(), maxCount, child.source());
                events.normal(schedule, "Pruned", "Deleted " + child.name() + ": more than " + maxCount
                        + " Ready snapshots of " + child.source());
            }
        }
    }
}
