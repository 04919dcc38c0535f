package dev.openstack.snapshots.operator.schedule;

import dev.openstack.snapshots.operator.api.SourceVolume;
import java.util.Optional;

/**
 * One volume a schedule snapshots, as written in a child's spec.sourceVolume. Equal sources mean the same volume to
 * the schedule; snapshots are grouped by source for maxCount and health.
 */
public record ScheduleSource(Kind kind, String value) {

    /** How the source names the volume, mirroring the one field set in SourceVolume. */
    public enum Kind { ID, NAME, PVC }

    public static ScheduleSource persistentVolumeClaim(String claimName) {
        return new ScheduleSource(Kind.PVC, claimName);
    }

    /** The source a SourceVolume names; empty if it names none (the schema prevents that). */
    public static Optional<ScheduleSource> of(SourceVolume volume) {
        if (volume == null) {
            return Optional.empty();
        }
        if (volume.getId() != null) {
            return Optional.of(new ScheduleSource(Kind.ID, volume.getId()));
        }
        if (volume.getName() != null) {
            return Optional.of(new ScheduleSource(Kind.NAME, volume.getName()));
        }
        if (volume.getPersistentVolumeClaimName() != null) {
            return Optional.of(new ScheduleSource(Kind.PVC, volume.getPersistentVolumeClaimName()));
        }
        return Optional.empty();
    }

    /** A new SourceVolume naming this source, for a child's spec. */
    public SourceVolume toSourceVolume() {
        SourceVolume volume = new SourceVolume();
        switch (kind) {
            case ID -> volume.setId(value);
            case NAME -> volume.setName(value);
            case PVC -> volume.setPersistentVolumeClaimName(value);
        }
        return volume;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case ID -> "volume " + value;
            case NAME -> "volume named " + value;
            case PVC -> "PVC " + value;
        };
    }
}
