package dev.openstack.snapshots.operator.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GoDurationTest {

    @Test
    void readsHoursMinutesSecondsAndCombinations() throws Exception {
        assertEquals(Duration.ofDays(7), GoDuration.parse("168h"));
        assertEquals(Duration.ofMinutes(30), GoDuration.parse("30m"));
        assertEquals(Duration.ofMinutes(90), GoDuration.parse("1h30m"));
        assertEquals(Duration.ofSeconds(3725), GoDuration.parse("1h2m5s"));
    }

    @Test
    void rejectsOtherFormsAndZero() {
        for (String bad : new String[] {"7d", "1.5h", "PT1H", "h", "", "-1h", "0h", "0m0s"}) {
            assertThrows(InvalidScheduleException.class, () -> GoDuration.parse(bad), bad);
        }
        assertThrows(InvalidScheduleException.class, () -> GoDuration.parse(null));
    }
}
