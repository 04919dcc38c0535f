package dev.openstack.snapshots.operator.duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class GoDurationTest {

    @Test
    void readsHoursMinutesSecondsMillisecondsAndCombinations() {
        assertEquals(Duration.ofDays(7), GoDuration.parse("168h"));
        assertEquals(Duration.ofMinutes(30), GoDuration.parse("30m"));
        assertEquals(Duration.ofMinutes(90), GoDuration.parse("1h30m"));
        assertEquals(Duration.ofSeconds(3725), GoDuration.parse("1h2m5s"));
        assertEquals(Duration.ofMillis(500), GoDuration.parse("500ms"));
        assertEquals(Duration.ofMillis(1500), GoDuration.parse("1s500ms"));
        assertEquals(Duration.ofMinutes(10).plusMillis(5), GoDuration.parse("10m5ms"));
    }

    @Test
    void rejectsOtherFormsAndZero() {
        for (String bad : new String[] {"7d", "1.5h", "PT1H", "h", "", "-1h", "0h", "0m0s", "0ms", "5 m", "1h 30m", "5us"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GoDuration.parse(bad), bad);
            assertTrue(e.getMessage().contains("\"" + bad + "\""), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> GoDuration.parse(null));
    }

    @Test
    void theCrdPatternIsTheGrammarWithoutMilliseconds() {
        Pattern crd = Pattern.compile(GoDuration.WHOLE_SECONDS_PATTERN);
        for (String text : new String[] {"168h", "90m", "1h30m", "1h2m5s", "999999999h", "30s"}) {
            assertTrue(crd.matcher(text).matches(), text);
            GoDuration.parse(text); // whatever the API server lets through, the operator reads
        }
        for (String text : new String[] {"500ms", "1s500ms", "PT1H", "1.5h", "7d"}) {
            assertFalse(crd.matcher(text).matches(), text);
        }
    }
}
