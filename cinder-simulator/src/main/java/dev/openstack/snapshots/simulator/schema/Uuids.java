package dev.openstack.snapshots.simulator.schema;

import java.util.regex.Pattern;

/** oslo's {@code is_uuid_like}: the canonical form, hex without dashes, in any case. */
public final class Uuids {

    private static final Pattern UUID_LIKE = Pattern.compile(
            "(?i)^(urn:uuid:)?\\{?[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}}?$");

    private Uuids() {
    }

    public static boolean isUuidLike(String value) {
        return value != null && UUID_LIKE.matcher(value).matches();
    }
}
