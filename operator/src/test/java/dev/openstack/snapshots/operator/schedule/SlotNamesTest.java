package dev.openstack.snapshots.operator.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SlotNamesTest {

    private static final Pattern DNS_1123_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Instant SLOT = Instant.parse("2025-03-30T01:00:00Z");

    private static void assertValidName(String name) {
        assertTrue(name.length() <= 253, name.length() + ": " + name);
        assertTrue(DNS_1123_SUBDOMAIN.matcher(name).matches(), name);
    }

    @Test
    void scheduleSourceAndUtcSlot() {
        assertEquals("daily-pg-data-202503300100",
                SlotNames.childName("daily", ScheduleSource.persistentVolumeClaim("pg-data"), SLOT));
        assertEquals("daily-0b7c1e9a-1111-2222-3333-444455556666-202503300100", SlotNames.childName("daily",
                new ScheduleSource(ScheduleSource.Kind.ID, "0b7c1e9a-1111-2222-3333-444455556666"), SLOT));
    }

    @Test
    void cleansVolumeNamesAndKeepsDistinctSourcesDistinct() {
        String upper = SlotNames.childName("daily", new ScheduleSource(ScheduleSource.Kind.NAME, "PG_Data"), SLOT);
        String lower = SlotNames.childName("daily", new ScheduleSource(ScheduleSource.Kind.NAME, "pg-data"), SLOT);
        assertValidName(upper);
        assertTrue(upper.startsWith("daily-pg-data-"), upper);
        assertNotEquals(lower, upper);
        String weird = SlotNames.childName("daily", new ScheduleSource(ScheduleSource.Kind.NAME, "__ über:vol!__"), SLOT);
        assertValidName(weird);
        String onlySymbols = SlotNames.childName("daily", new ScheduleSource(ScheduleSource.Kind.NAME, "***"), SLOT);
        assertValidName(onlySymbols);
    }

    @Test
    void longNamesAreCutDeterministicallyAndStayDistinct() {
        String schedule = "s".repeat(200);
        ScheduleSource a = ScheduleSource.persistentVolumeClaim("a".repeat(100) + "-one");
        ScheduleSource b = ScheduleSource.persistentVolumeClaim("a".repeat(100) + "-two");
        String nameA = SlotNames.childName(schedule, a, SLOT);
        assertValidName(nameA);
        assertEquals(253, nameA.length());
        assertTrue(nameA.endsWith("-202503300100"), nameA);
        assertEquals(nameA, SlotNames.childName(schedule, a, SLOT));
        assertNotEquals(nameA, SlotNames.childName(schedule, b, SLOT));
        assertValidName(SlotNames.childName("x".repeat(253), a, SLOT));
    }
}
