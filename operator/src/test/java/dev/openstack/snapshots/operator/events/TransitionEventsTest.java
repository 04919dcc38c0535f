package dev.openstack.snapshots.operator.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransitionEventsTest {

    @Test
    void namesSortInStampOrderWhateverTheNumberOfDigits() {
        List<String> emitted = List.of(TransitionEvents.nameOf("s", 0x9L), TransitionEvents.nameOf("s", 0xaL),
                TransitionEvents.nameOf("s", 0x10L), TransitionEvents.nameOf("s", 0x18a2b3c4d5e6f701L));
        List<String> sorted = new ArrayList<>(emitted);
        sorted.sort(null);
        assertEquals(emitted, sorted);
        assertEquals("s.000000000000000a", TransitionEvents.nameOf("s", 0xaL));
    }

    @Test
    void theEventNameOfAnObjectWithTheLongestNameIsStillAName() {
        String longest = "s".repeat(253);
        String name = TransitionEvents.nameOf(longest, 0x18a2b3c4d5e6f701L);
        assertTrue(name.length() <= 253, name.length() + ": " + name);
        assertTrue(name.endsWith(".18a2b3c4d5e6f701"), name);
        assertEquals(TransitionEvents.nameOf(longest, 0x18a2b3c4d5e6f701L), name);
    }
}
