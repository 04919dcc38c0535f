package dev.openstack.snapshots.operator.names;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The one place where label values and object names are derived from names users chose. Kubernetes allows
 * 63 characters in a label value and 253 in a name; user names reach 253, so a derived value that would
 * not fit is cut and given a hash of the whole, which keeps distinct inputs distinct. Values that fit are
 * left as they are, so the common case stays readable ({@code kubectl get -l key=<name>}).
 */
public final class KubernetesNames {

    public static final int MAX_LABEL_VALUE = 63;
    public static final int MAX_NAME = 253;
    private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
    private static final int HASH_DIGITS = 8;

    private KubernetesNames() {
    }

    /** A valid label value standing for {@code value}: itself when it is one, else a cleaned prefix plus a hash of it. */
    public static String labelValue(String value) {
        if (value.length() <= MAX_LABEL_VALUE && LABEL_VALUE.matcher(value).matches()) {
            return value;
        }
        String hash = hash(value, HASH_DIGITS);
        String cleaned = value.replaceAll("[^-A-Za-z0-9_.]", "-");
        String prefix = cleaned.substring(0, Math.min(cleaned.length(), MAX_LABEL_VALUE - hash.length() - 1));
        prefix = prefix.replaceAll("^[^A-Za-z0-9]+", "").replaceAll("[^A-Za-z0-9]+$", "");
        return prefix.isEmpty() ? hash : prefix + "-" + hash;
    }

    /** Whether Kubernetes accepts {@code value} as a label value. */
    public static boolean isLabelValue(String value) {
        return value.length() <= MAX_LABEL_VALUE && LABEL_VALUE.matcher(value).matches();
    }

    /**
     * {@code base + suffix} as an object name (DNS-1123 subdomain, at most 253), where {@code base} is a valid
     * name and {@code suffix} a fixed ending such as {@code -202611270300} or {@code .<stamp>}: when the two do not
     * fit, {@code base} is cut and followed by a hash of {@code identity} (what makes the name unique).
     */
    public static String name(String base, String suffix, String identity) {
        int room = MAX_NAME - suffix.length();
        if (base.length() <= room) {
            return base + suffix;
        }
        String hash = hash(identity, HASH_DIGITS);
        return base.substring(0, room - hash.length() - 1).replaceAll("[-.]+$", "") + "-" + hash + suffix;
    }

    /** The first {@code hexDigits} hex digits of the SHA-256 of {@code text}. */
    public static String hash(String text, int hexDigits) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, hexDigits);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
