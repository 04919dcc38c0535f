package dev.openstack.snapshots.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which limits of a project a real-cloud benchmark raises, and to what. */
class QuotaRoomTest {

    private static JsonNode usage(String json) throws Exception {
        return new ObjectMapper().readTree(json);
    }

    @Test
    void raisesOnlyTheLimitsThatWouldNotHoldTheRunToUsePlusNeed() throws Exception {
        JsonNode usage = usage("""
                {"snapshots": {"limit": 10, "in_use": 2, "reserved": 1},
                 "volumes": {"limit": 20, "in_use": 3, "reserved": 0},
                 "gigabytes": {"limit": 1000, "in_use": 40, "reserved": 0}}""");

        Map<String, Integer> raises = QuotaRoom.raises(usage, Map.of("snapshots", 100, "volumes", 10, "gigabytes", 110));

        assertEquals(Map.of("snapshots", 103), raises, "17 volumes and 960 GiB of room hold the run");
        assertEquals(Map.of("snapshots", 10), QuotaRoom.limits(usage, raises.keySet()), "what is set back afterwards");
    }

    @Test
    void roomOfExactlyTheNeedIsEnoughAndNoLimitNeverNeedsRaising() throws Exception {
        JsonNode usage = usage("""
                {"snapshots": {"limit": 100, "in_use": 0, "reserved": 0},
                 "volumes": {"limit": -1, "in_use": 500, "reserved": 0}}""");

        assertEquals(Map.of(), QuotaRoom.raises(usage, Map.of("snapshots", 100, "volumes", 10)));
        assertEquals(Map.of("snapshots", 100, "volumes", -1), QuotaRoom.limits(usage, List.of("snapshots", "volumes")));
    }
}
