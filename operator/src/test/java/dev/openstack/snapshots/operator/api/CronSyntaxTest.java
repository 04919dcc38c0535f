package dev.openstack.snapshots.operator.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openstack.snapshots.operator.schedule.CronSchedule;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The schema patterns accept what the operator accepts and reject the obvious mistakes early. */
class CronSyntaxTest {

    private static final Pattern CRON = Pattern.compile(CronSyntax.PATTERN);
    private static final Pattern ZONE = Pattern.compile(CronSyntax.TIME_ZONE_PATTERN);
    private static final Pattern DURATION = Pattern.compile(CronSyntax.DURATION_PATTERN);

    @Test
    void acceptsCommonCronExpressionsTheOperatorParses() throws Exception {
        for (String cron : new String[] {"0 3 * * *", "*/5 * * * *", "0 0 1 1 *", "30 2 * * 1-5", "0 9-17/2 * * MON-FRI",
                "15,45 0,12 1,15 jan,jul sun", "59 23 31 12 7", "0  3\t* * *"}) {
            assertTrue(CRON.matcher(cron).matches(), cron);
            CronSchedule.parse(cron, "UTC");
        }
    }

    @Test
    void rejectsWrongFieldCountsCharactersAndRanges() {
        for (String cron : new String[] {"0 3 * *", "0 3 * * * *", "60 3 * * *", "0 24 * * *", "0 3 32 * *",
                "0 3 0 * *", "0 3 * 13 *", "0 3 * * 8", "@daily", "0 3 ? * *", "0 3 L * *", " 0 3 * * *",
                "0 3 * * 1#2", "0 3 * * *;rm"}) {
            assertFalse(CRON.matcher(cron).matches(), cron);
        }
    }

    @Test
    void timeZonePatternTakesIanaNamesOnly() {
        for (String zone : new String[] {"UTC", "Europe/Berlin", "America/Argentina/Buenos_Aires", "Etc/GMT+5",
                "America/Port-au-Prince"}) {
            assertTrue(ZONE.matcher(zone).matches(), zone);
        }
        for (String zone : new String[] {"+02:00", "Europe/", "/Berlin", "Europe Berlin", ""}) {
            assertFalse(ZONE.matcher(zone).matches(), zone);
        }
    }

    @Test
    void durationPatternTakesGoStyleWholeUnits() {
        for (String duration : new String[] {"168h", "30m", "1h30m", "45s"}) {
            assertTrue(DURATION.matcher(duration).matches(), duration);
        }
        for (String duration : new String[] {"7d", "1.5h", "PT1H", "", "h", "-1h"}) {
            assertFalse(DURATION.matcher(duration).matches(), duration);
        }
    }
}
