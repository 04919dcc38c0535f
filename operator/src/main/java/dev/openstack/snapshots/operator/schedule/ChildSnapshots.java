package dev.openstack.snapshots.operator.schedule;

import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotSchedule;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotScheduleSpec;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotSpec;
import dev.openstack.snapshots.operator.api.SnapshotState;
import dev.openstack.snapshots.operator.api.SnapshotTemplate;
import dev.openstack.snapshots.operator.names.KubernetesNames;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The OpenStackSnapshots of a schedule: how one is built for a (source, slot), and how an existing one is read back.
 * The slot is in an annotation and the source in the spec, so the schedule's history is in its children.
 */
public final class ChildSnapshots {

    /** The latest instant spec.keptUntil can hold (its pattern has a four-digit year): kept for as long as that means. */
    static final Instant LATEST_KEPT_UNTIL = Instant.parse("9999-12-31T23:59:59Z");

    private ChildSnapshots() {
    }

    /** The child for this slot and source; not owned by the schedule, so deleting the schedule keeps it. */
    public static OpenStackSnapshot build(OpenStackSnapshotSchedule schedule, ScheduleSource source, Instant slot,
                                          Optional<Duration> keepFor) {
        OpenStackSnapshotScheduleSpec scheduleSpec = schedule.getSpec();
        SnapshotTemplate template =
                scheduleSpec.getSnapshotTemplate() == null ? new SnapshotTemplate() : scheduleSpec.getSnapshotTemplate();
        String scheduleName = schedule.getMetadata().getName();

        Map<String, String> labels = new LinkedHashMap<>();
        if (template.getLabels() != null) {
            labels.putAll(template.getLabels());
        }
        labels.put(OpenStackSnapshotSchedule.SCHEDULE_LABEL, KubernetesNames.labelValue(scheduleName));
        labels.put(OpenStackSnapshotSchedule.SOURCE_LABEL, KubernetesNames.labelValue(source.value()));

        OpenStackSnapshotSpec spec = new OpenStackSnapshotSpec();
        spec.setCloudCredentialsRef(scheduleSpec.getCloudCredentialsRef());
        spec.setSourceVolume(source.toSourceVolume());
        spec.setDescription(template.getDescription());
        spec.setMetadata(template.getMetadata());
        spec.setForce(template.getForce());
        spec.setDeletionPolicy(template.getDeletionPolicy());
        keepFor.ifPresent(keep -> spec.setKeptUntil(keptUntil(slot, keep).toString()));

        OpenStackSnapshot child = new OpenStackSnapshot();
        child.setMetadata(new ObjectMetaBuilder()
                .withName(SlotNames.childName(scheduleName, source, slot))
                .withNamespace(schedule.getMetadata().getNamespace())
                .withLabels(labels)
                .withAnnotations(Map.of(
                        OpenStackSnapshotSchedule.SCHEDULE_ANNOTATION, scheduleName,
                        OpenStackSnapshotSchedule.SLOT_ANNOTATION, slot.toString()))
                .build());
        child.setSpec(spec);
        return child;
    }

    /**
     * {@code slot + keepFor}, at most {@link #LATEST_KEPT_UNTIL}: keepFor allows nine digits of hours (114,000 years),
     * and a year past 9999 prints as {@code +116106-...}, which spec.keptUntil's pattern refuses.
     */
    static Instant keptUntil(Instant slot, Duration keepFor) {
        return keepFor.compareTo(Duration.between(slot, LATEST_KEPT_UNTIL)) >= 0 ? LATEST_KEPT_UNTIL : slot.plus(keepFor);
    }

    /** The schedule a child belongs to (full name, from its annotation). */
    public static Optional<String> scheduleName(OpenStackSnapshot child) {
        Map<String, String> annotations = child.getMetadata().getAnnotations();
        return Optional.ofNullable(annotations == null ? null
                : annotations.get(OpenStackSnapshotSchedule.SCHEDULE_ANNOTATION));
    }

    /** What the schedule needs to know of a child; empty if it lacks the slot or source a schedule would set. */
    public static Optional<ScheduledChild> read(OpenStackSnapshot child) {
        Map<String, String> annotations = child.getMetadata().getAnnotations();
        if (annotations == null || child.getSpec() == null) {
            return Optional.empty();
        }
        Optional<ScheduleSource> source = ScheduleSource.of(child.getSpec().getSourceVolume());
        Optional<Instant> slot = parseInstant(annotations.get(OpenStackSnapshotSchedule.SLOT_ANNOTATION));
        if (source.isEmpty() || slot.isEmpty()) {
            return Optional.empty();
        }
        SnapshotState state = child.getStatus() == null ? null : child.getStatus().getState();
        String error = child.getStatus() == null ? null : child.getStatus().getErrorMessage();
        boolean deleting = child.getMetadata().getDeletionTimestamp() != null
                || state == SnapshotState.DeletionScheduled || state == SnapshotState.Deleting;
        return Optional.of(new ScheduledChild(child.getMetadata().getName(), source.get(), slot.get(), phase(state),
                error, deleting));
    }

    private static ScheduledChild.Phase phase(SnapshotState state) {
        if (state == null) {
            return ScheduledChild.Phase.PENDING;
        }
        return switch (state) {
            case OK, UpdateScheduled, Updating -> ScheduledChild.Phase.READY;
            case Erred -> ScheduledChild.Phase.ERRED;
            default -> ScheduledChild.Phase.PENDING;
        };
    }

    private static Optional<Instant> parseInstant(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
