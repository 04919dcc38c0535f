package dev.openstack.snapshots.operator.schedule;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * retention.maxCount: per source, the oldest Ready snapshots beyond maxCount go. Only Ready ones count and only Ready
 * ones are pruned (a snapshot still being created, or Erred, is never touched here), and since maxCount is at least 1
 * the newest Ready snapshot of a source always stays.
 */
public final class MaxCountPruning {

    private MaxCountPruning() {
    }

    /** The children to delete, oldest first. */
    public static List<ScheduledChild> select(List<ScheduledChild> children, int maxCount) {
        if (maxCount < 1) {
            throw new IllegalArgumentException("maxCount must be at least 1, got " + maxCount);
        }
        Map<ScheduleSource, List<ScheduledChild>> readyBySource = children.stream()
                .filter(ScheduledChild::ready)
                .filter(child -> !child.deleting())
                .collect(Collectors.groupingBy(ScheduledChild::source));
        return readyBySource.values().stream()
                .flatMap(ready -> ready.stream()
                        .sorted(Comparator.comparing(ScheduledChild::slot).thenComparing(ScheduledChild::name))
                        .limit(Math.max(0, ready.size() - maxCount)))
                .sorted(Comparator.comparing(ScheduledChild::slot).thenComparing(ScheduledChild::name))
                .toList();
    }
}
