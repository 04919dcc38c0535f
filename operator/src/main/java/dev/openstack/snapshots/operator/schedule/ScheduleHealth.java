package dev.openstack.snapshots.operator.schedule;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BinaryOperator;
import java.util.stream.Collectors;

/**
 * How a schedule's snapshots are doing, from its children: a source is failing while its newest snapshot is Erred
 * (quota exceeded, missing volume, Cinder error), and recovers as soon as a newer one is not.
 */
public record ScheduleHealth(List<String> failures, Optional<Instant> lastSuccessful, Optional<Instant> newestSlot,
                             int count) {

    private static final Comparator<ScheduledChild> COMPARATOR =
            Comparator.comparing(ScheduledChild::slot).thenComparing(ScheduledChild::name);

    public static ScheduleHealth of(List<ScheduledChild> children) {
        List<ScheduledChild> live = children.stream().filter(child -> !child.deleting()).toList();
        BinaryOperator<ScheduledChild> newer = (a, b) -> COMPARATOR.compare(a, b) >= 0 ? a : b;
        Map<ScheduleSource, ScheduledChild> newestBySource = live.stream()
                .collect(Collectors.toMap(ScheduledChild::source, child -> child, newer));
        List<String> failures = newestBySource.values().stream()
                .filter(ScheduledChild::erred)
                .sorted(Comparator.comparing(ScheduledChild::name))
                .map(child -> child.name() + " (" + child.source() + "): "
                        + (child.errorMessage() == null || child.errorMessage().isBlank()
                        ? "Erred" : child.errorMessage()))
                .toList();
        Optional<Instant> lastSuccessful = children.stream()
                .filter(ScheduledChild::ready)
                .map(ScheduledChild::slot)
                .max(Instant::compareTo);
        Optional<Instant> newestSlot = children.stream().map(ScheduledChild::slot).max(Instant::compareTo);
        return new ScheduleHealth(failures, lastSuccessful, newestSlot, live.size());
    }

    public boolean failing() {
        return !failures.isEmpty();
    }

    /** One line for status.errorMessage; empty when healthy. */
    public String errorMessage() {
        return String.join("; ", failures);
    }
}
