package dev.openstack.snapshots.operator.schedule;

import dev.openstack.snapshots.operator.api.OpenStackSnapshotScheduleSpec;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The volumes a schedule snapshots at a run: its sourceVolume, or every PVC of its namespace that its selector
 * matches and that is not being deleted (looked up at each run, so PVCs added later are included from the next run).
 */
public final class ScheduleSources {

    private ScheduleSources() {
    }

    public static List<ScheduleSource> resolve(OpenStackSnapshotScheduleSpec spec,
                                               Stream<PersistentVolumeClaim> claimsOfNamespace) {
        if (spec.getSourceVolume() != null) {
            return ScheduleSource.of(spec.getSourceVolume()).stream().toList();
        }
        LabelSelector selector = spec.getPersistentVolumeClaimSelector();
        return claimsOfNamespace
                .filter(claim -> claim.getMetadata().getDeletionTimestamp() == null)
                .filter(claim -> selects(spec, claim))
                .map(claim -> ScheduleSource.persistentVolumeClaim(claim.getMetadata().getName()))
                .sorted(Comparator.comparing(ScheduleSource::value))
                .toList();
    }

    /** Whether a schedule of this spec snapshots this PVC. */
    public static boolean selects(OpenStackSnapshotScheduleSpec spec, PersistentVolumeClaim claim) {
        LabelSelector selector = spec == null ? null : spec.getPersistentVolumeClaimSelector();
        return selector != null && LabelSelectorMatch.matches(selector, claim.getMetadata().getLabels());
    }
}
