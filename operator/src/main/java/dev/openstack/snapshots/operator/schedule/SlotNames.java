package dev.openstack.snapshots.operator.schedule;

import dev.openstack.snapshots.operator.names.KubernetesNames;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Names and label values for a schedule's snapshots, derived only from (schedule, source, slot) so that every replica
 * and every restart computes the same name for the same slot.
 *
 * <p>Name: {@code <schedule>-<source>-<yyyyMMddHHmm>}, the slot in UTC (unambiguous across daylight-saving changes
 * and independent of later timeZone edits). The source part is the PVC name, volume name or volume id, lower-cased
 * with every character outside [a-z0-9-] replaced by '-'; when that changed anything, a hash of the original is
 * appended so that distinct sources never share a name. A name longer than 253 characters is cut and given a hash of
 * the full schedule and source ({@link KubernetesNames}).
 */
public final class SlotNames {

    private static final DateTimeFormatter SLOT = DateTimeFormatter.ofPattern("yyyyMMddHHmm").withZone(ZoneOffset.UTC);

    private SlotNames() {
    }

    public static String slotStamp(Instant slot) {
        return SLOT.format(slot);
    }

    /** The OpenStackSnapshot name for this schedule, source and slot: a valid DNS-1123 subdomain. */
    public static String childName(String scheduleName, ScheduleSource source, Instant slot) {
        return KubernetesNames.name(scheduleName + "-" + sourcePart(source.value()), "-" + slotStamp(slot),
                scheduleName + "/" + source.kind() + "/" + source.value());
    }

    private static String sourcePart(String source) {
        String cleaned = source.toLowerCase().replaceAll("[^a-z0-9-]+", "-").replaceAll("-{2,}", "-")
                .replaceAll("^-+", "").replaceAll("-+$", "");
        if (cleaned.equals(source)) {
            return cleaned;
        }
        String hash = KubernetesNames.hash(source, 6);
        return cleaned.isEmpty() ? hash : cleaned + "-" + hash;
    }
}
