package dev.openstack.snapshots.simulator.cinder;

import dev.openstack.snapshots.simulator.errors.CinderFault;
import dev.openstack.snapshots.simulator.http.SimResponse;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The requested Cinder microversion. Only {@code OpenStack-API-Version: volume X.Y} counts; the legacy
 * {@code X-OpenStack-Volume-API-Version} header is ignored, as real Cinder 21 ignores it.
 */
public record Microversion(int major, int minor) implements Comparable<Microversion> {

    public static final Microversion MIN = new Microversion(3, 0);
    public static final Microversion MAX = new Microversion(3, 70);
    private static final Pattern FORMAT = Pattern.compile("^([1-9]\\d*)\\.([1-9]\\d*|0)$");

    /** Parses the header value, answering 400/406 exactly as Cinder does. */
    public static Microversion fromHeader(String header) {
        if (header == null) {
            return MIN;
        }
        String requested = null;
        for (String part : header.split(",")) {
            String[] words = part.trim().split("\\s+");
            if (words.length == 2 && words[0].equalsIgnoreCase("volume")) {
                requested = words[1];
            }
        }
        if (requested == null) {
            throw CinderFault.notComply();
        }
        if (requested.equalsIgnoreCase("latest")) {
            return MAX;
        }
        Matcher m = FORMAT.matcher(requested);
        if (!m.matches()) {
            throw CinderFault.badRequest("API Version String " + requested
                    + " is of invalid format. Must be of format MajorNum.MinorNum.");
        }
        Microversion v = new Microversion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        if (v.compareTo(MIN) < 0 || v.compareTo(MAX) > 0) {
            throw new UnsupportedVersion(v);
        }
        return v;
    }

    public boolean atLeast(int minorOf3) {
        return compareTo(new Microversion(3, minorOf3)) >= 0;
    }

    @Override
    public int compareTo(Microversion o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }

    /** Adds the headers Cinder puts on every versioned answer. */
    public SimResponse stamp(SimResponse response) {
        return response.header("OpenStack-API-Version", "volume " + this).header("Vary", "OpenStack-API-Version");
    }

    /** 406 for a well-formed version outside 3.0–3.70; the answer still echoes the requested version. */
    public static final class UnsupportedVersion extends RuntimeException {
        private final Microversion version;

        UnsupportedVersion(Microversion version) {
            super(null, null, false, false);
            this.version = version;
        }

        public SimResponse response() {
            CinderFault fault = new CinderFault(406, "computeFault", "Version " + version
                    + " is not supported by the API. Minimum is " + MIN + " and maximum is " + MAX + ".");
            return version.stamp(SimResponse.fault(fault));
        }
    }
}
