package dev.openstack.snapshots.operator.schedule;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Names and label values for a schedule's snapshots, derived only from (schedule, source, slot) so that every replica
 * and every restart computes the same name for the same slot.
 *
 * <p>Name: {@code <schedule>-<source>-<yyyyMMddHHmm>}, the slot in UTC (unambiguous across daylight-saving changes
 * and independent of later timeZone edits). The source part is the PVC name, volume name or volume id, lower-cased
 * with every character outside [a-z0-9-] replaced by '-'; when that changed anything, a hash of the original is
 * appended so that distinct sources never share a name. A name longer than 253 characters is cut and given a hash of
 * the full schedule and source.
 */
public final class SlotNames {

    private static final DateTimeFormatter SLOT = DateTimeFormatter.ofPattern("yyyyMMddHHmm").withZone(ZoneOffset.UTC);
    private static final int MAX_NAME = 253;
    private static final int MAX_LABEL_VALUE = 63;
    private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");

    private SlotNames() {
    }

    public static String slotStamp(Instant slot) {
        return SLOT.format(slot);
    }

    /** The OpenStackSnapshot name for this schedule, source and slot: a valid DNS-1123 subdomain. */
    public static String childName(String scheduleName, ScheduleSource source, Instant slot) {
        String suffix = "-" + slotStamp(slot);
        String body = scheduleName + "-" + sourcePart(source.value());
        int room = MAX_NAME - suffix.length();
        if (body.length() > room) {
            String hash = hash(scheduleName + "/" + source.kind() + "/" + source.value(), 8);
            body = trimEnd(body.substring(0, room - hash.length() - 1)) + "-" + hash;
        }
        return body + suffix;
    }

    /** A valid label value standing for {@code value}: itself when it is one, else a cleaned prefix plus a hash. */
    public static String labelValue(String value) {
        if (value.length() <= MAX_LABEL_VALUE && LABEL_VALUE.matcher(value).matches()) {
            return value;
        }
        String hash = hash(value, 8);
        String cleaned = value.replaceAll("[^-A-Za-z0-9_.]", "-");
        String prefix = cleaned.substring(0, Math.min(cleaned.length(), MAX_LABEL_VALUE - hash.length() - 1));
        prefix = prefix.replaceAll("^[^A-Za-z0-9]+", "").replaceAll("[^A-Za-z0-9]+$", "");
        return prefix.isEmpty() ? hash : prefix + "-" + hash;
    }

    private static String sourcePart(String source) {
        String cleaned = source.toLowerCase().replaceAll("[^a-z0-9-]+", "-").replaceAll("-{2,}", "-")
                .replaceAll("^-+", "").replaceAll("-+$", "");
        if (cleaned.equals(source)) {
            return cleaned;
        }
        String hash = hash(source, 6);
        return cleaned.isEmpty() ? hash : cleaned + "-" + hash;
    }

    private static String trimEnd(String text) {
        return text.replaceAll("[-.]+$", "");
    }

    private static String hash(String text, int hexDigits) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, hexDigits);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
