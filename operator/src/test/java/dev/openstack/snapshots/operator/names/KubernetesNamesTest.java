package dev.openstack.snapshots.operator.names;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Label values and names derived from user names are always ones Kubernetes accepts (issue 14, defect 8). */
class KubernetesNamesTest {

    /** Kubernetes' own expressions (apimachinery validation), independent of the code under test. */
    private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
    private static final Pattern DNS_1123_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private static void assertLabelValue(String value) {
        assertTrue(value.length() <= 63 && LABEL_VALUE.matcher(value).matches(), value.length() + ": " + value);
    }

    @Test
    void labelValuesAreValidAndShortened() {
        assertEquals("daily", KubernetesNames.labelValue("daily"));
        String longName = "n".repeat(100);
        String shortened = KubernetesNames.labelValue(longName);
        assertLabelValue(shortened);
        assertEquals(shortened, KubernetesNames.labelValue(longName));
        assertNotEquals(shortened, KubernetesNames.labelValue("n".repeat(101)));
        assertLabelValue(KubernetesNames.labelValue("my volume:1"));
    }

    @Test
    void aScheduleChildsNameAsALabelValue() {
        // <schedule>-<volume id>-<yyyyMMddHHmm>: 66 characters, as issue 14 found, a valid name but not a valid label value
        String child = "postgres-nightly-0b7c1e9a-4d2f-4e55-9d0e-5a1b2c3d4e5f-202611270300";
        assertEquals(66, child.length());
        String value = KubernetesNames.labelValue(child);
        assertLabelValue(value);
        assertTrue(value.startsWith("postgres-nightly-0b7c1e9a"), value);
        assertNotEquals(value, KubernetesNames.labelValue(child.replace("0300", "0400")), "slots stay apart");
        String exactly63 = "n".repeat(63);
        assertEquals(exactly63, KubernetesNames.labelValue(exactly63), "a value that fits is kept as it is");
    }

    @Test
    void namesWithASuffixStayWithin253AndDistinct() {
        String longest = "a".repeat(253);
        String event = KubernetesNames.name(longest, ".18a2b3c4d5e6f701", longest);
        assertEquals(253, event.length());
        assertTrue(DNS_1123_SUBDOMAIN.matcher(event).matches(), event);
        assertTrue(event.endsWith(".18a2b3c4d5e6f701"), event);
        String other = "a".repeat(252) + "b";
        assertNotEquals(event, KubernetesNames.name(other, ".18a2b3c4d5e6f701", other));
        assertEquals("short.0000000000000001", KubernetesNames.name("short", ".0000000000000001", "short"));
        // a cut that ends on a dot or dash is trimmed before the hash
        String dotted = "a".repeat(226) + "." + "b".repeat(26);
        assertTrue(DNS_1123_SUBDOMAIN.matcher(KubernetesNames.name(dotted, ".0000000000000001", dotted)).matches());
    }
}
