package dev.openstack.snapshots.operator.observation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Watches end per owner and listener; what nobody watches any more is forgotten, nothing else. */
class ResourceViewTest {

    private final AtomicLong sequence = new AtomicLong();
    private final ResourceView<String> view = new ResourceView<>(Function.identity(), sequence);
    private final ResourceID alice = new ResourceID("alice", "team-a");
    private final ResourceID bob = new ResourceID("bob", "team-b");
    private final ChangeListener events = owner -> { };
    private final ChangeListener otherEvents = owner -> { };

    @Test
    void anIdStaysKnownWhileAnyoneStillWatchesIt() {
        view.watch("snap-1", alice, events);
        view.watch("snap-1", bob, events);
        view.record("snap-1", "snap-1");

        view.unwatch(alice, events);
        assertTrue(view.get("snap-1").isPresent());
        assertEquals(new Coverage(1, 0), view.coverage());

        view.unwatch(bob, events);
        assertTrue(view.get("snap-1").isUnknown());
        assertEquals(new Coverage(0, 0), view.coverage());
    }

    @Test
    void anOwnersOtherListenerKeepsItsWatch() {
        view.watch("snap-1", alice, events);
        view.watch("snap-1", alice, otherEvents);
        view.watch("snap-2", alice, events);
        view.record("snap-1", "snap-1");
        view.record("snap-2", "snap-2");

        view.unwatch(alice, events);
        assertTrue(view.get("snap-1").isPresent(), "still watched by the other listener");
        assertTrue(view.get("snap-2").isUnknown());

        view.unwatch(alice, otherEvents);
        assertTrue(view.get("snap-1").isUnknown());
        assertEquals(List.of(), view.watchedIds());
    }

    @Test
    void unwatchingWhatWasNeverWatchedChangesNothing() {
        view.watch("snap-1", alice, events);
        view.unwatch(bob, events);
        view.unwatch(alice, otherEvents);
        assertEquals(List.of("snap-1"), view.watchedIds());
    }

    @Test
    void aValueNobodyWentOnToWatchGoesWithTheNextListing() {
        view.record("recorded-before", "recorded-before");
        long round = sequence.incrementAndGet();
        view.record("recorded-during", "recorded-during");

        view.applyListing(List.of(), round);

        assertTrue(view.get("recorded-before").isUnknown());
        assertTrue(view.get("recorded-during").isPresent(), "recorded after the listing started: its watch may follow");
    }
}
