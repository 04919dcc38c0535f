package dev.openstack.snapshots.operator.schedule;

import dev.openstack.snapshots.operator.api.CloudCredentialsRef;
import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotSchedule;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotScheduleSpec;
import dev.openstack.snapshots.operator.api.Retention;
import dev.openstack.snapshots.operator.api.SourceVolume;
import dev.openstack.snapshots.operator.source.SourceVolumeResolver;
import dev.openstack.snapshots.operator.testing.OperatorHarness;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/** Schedules, PVCs and clock positioning for the schedule and retention ITs, on top of the OperatorHarness. */
final class ScheduleFixtures {

    /**
     * How far before a slot the clock is held while the schedule announces it: what the operator's timer waits in real
     * time once the clock runs again. (Held, the clock cannot pass the slot before the announcement, busy machine or not.)
     */
    static final Duration HOLD = Duration.ofMillis(300);

    private final OperatorHarness h;

    ScheduleFixtures(OperatorHarness h) {
        this.h = h;
    }

    OpenStackSnapshotSchedule ofVolume(String namespace, String name, String cron, String volumeId) {
        OpenStackSnapshotSchedule schedule = base(namespace, name, cron);
        schedule.getSpec().setSourceVolume(SourceVolume.byId(volumeId));
        return schedule;
    }

    OpenStackSnapshotSchedule ofClaims(String namespace, String name, String cron, Map<String, String> matchLabels) {
        OpenStackSnapshotSchedule schedule = base(namespace, name, cron);
        schedule.getSpec().setPersistentVolumeClaimSelector(
                new LabelSelectorBuilder().withMatchLabels(matchLabels).build());
        return schedule;
    }

    private static OpenStackSnapshotSchedule base(String namespace, String name, String cron) {
        OpenStackSnapshotScheduleSpec spec = new OpenStackSnapshotScheduleSpec();
        spec.setCloudCredentialsRef(new CloudCredentialsRef(OperatorHarness.SECRET, OperatorHarness.CLOUD));
        spec.setSchedule(cron);
        spec.setRetention(new Retention("168h", null));
        OpenStackSnapshotSchedule schedule = new OpenStackSnapshotSchedule();
        schedule.getMetadata().setNamespace(namespace);
        schedule.getMetadata().setName(name);
        schedule.setSpec(spec);
        return schedule;
    }

    OpenStackSnapshotSchedule create(OpenStackSnapshotSchedule schedule) {
        return h.client().resource(schedule).create();
    }

    OpenStackSnapshotSchedule get(String namespace, String name) {
        return h.client().resources(OpenStackSnapshotSchedule.class).inNamespace(namespace).withName(name).get();
    }

    OpenStackSnapshotSchedule edit(String namespace, String name, UnaryOperator<OpenStackSnapshotSchedule> change) {
        return h.client().resources(OpenStackSnapshotSchedule.class).inNamespace(namespace).withName(name).edit(change);
    }

    void delete(String namespace, String name) {
        h.client().resources(OpenStackSnapshotSchedule.class).inNamespace(namespace).withName(name).delete();
    }

    OpenStackSnapshotSchedule await(String namespace, String name, Predicate<OpenStackSnapshotSchedule> condition) {
        OperatorHarness.waiting().until(() -> {
            OpenStackSnapshotSchedule s = get(namespace, name);
            return s != null && s.getStatus() != null && condition.test(s);
        });
        return get(namespace, name);
    }

    /** The schedule's snapshots, oldest slot first. */
    List<OpenStackSnapshot> children(String namespace, String scheduleName) {
        return h.client().resources(OpenStackSnapshot.class).inNamespace(namespace)
                .withLabel(OpenStackSnapshotSchedule.SCHEDULE_LABEL, scheduleName).list().getItems().stream()
                .sorted(Comparator.comparing(c -> c.getMetadata().getName())).toList();
    }

    List<String> childNames(String namespace, String scheduleName) {
        return children(namespace, scheduleName).stream().map(c -> c.getMetadata().getName()).toList();
    }

    /** The next whole minute of the test clock that leaves room to hold the clock {@link #HOLD} before it. */
    Instant upcomingMinute() {
        Instant now = h.clock().instant();
        Instant next = now.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
        return Duration.between(now, next).compareTo(HOLD.plusSeconds(1)) < 0 ? next.plus(1, ChronoUnit.MINUTES) : next;
    }

    /**
     * Holds the test clock {@link #HOLD} before {@code slot} (forward only): the operator can announce the slot but not
     * run it, however long its first reconcile takes; {@link #runInto} lets the clock go on.
     */
    void holdClockBefore(Instant slot) {
        holdClockBefore(slot, HOLD);
    }

    /** As {@link #holdClockBefore(Instant)}, {@code lead} before the slot. */
    void holdClockBefore(Instant slot, Duration lead) {
        h.clock().holdAt(slot.minus(lead));
    }

    /**
     * Once the schedule has announced {@code slot} (status.nextScheduleTime), lets the held clock run on into it: the
     * operator's own wake-up timer, re-armed for the short remainder, runs the slot.
     */
    OpenStackSnapshotSchedule runInto(String namespace, String name, Instant slot) {
        OpenStackSnapshotSchedule announced = await(namespace, name,
                s -> slot.toString().equals(s.getStatus().getNextScheduleTime()));
        h.clock().resume();
        return announced;
    }

    /** A cinder-csi PV for the volume and a PVC bound to it, with labels. */
    void claim(String namespace, String name, String volumeId, Map<String, String> labels) {
        h.claim(namespace, name, "pv-" + namespace + "-" + name, SourceVolumeResolver.CINDER_CSI_DRIVER, volumeId, labels);
    }

    static Condition ready(OpenStackSnapshotSchedule schedule) {
        return ScheduleStatusBuilder.readyOf(schedule.getStatus()).orElseThrow();
    }
}
