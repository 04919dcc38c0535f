package dev.openstack.snapshots.operator.adoption;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CreateGuardTest {

    private static final Instant T = Instant.parse("2026-11-27T10:00:00Z");
    private final CreateGuard guard = new CreateGuard(Duration.ofSeconds(60));

    @Test
    void withoutAPendingCreateAnyEmptyListingAllowsOne() {
        assertEquals(Optional.empty(), guard.mustWaitUntil(null, T));
    }

    @Test
    void onlyAListingThatStartedAfterTheRequestPlusTheSendBudgetAndTheReadTimeoutAllowsAnotherCreate() {
        Instant settled = T.plus(CreateGuard.SEND_WITHIN).plusSeconds(60);
        assertEquals(Optional.of(settled), guard.mustWaitUntil(T, T.plusSeconds(1)), "the first create may still land");
        assertEquals(Optional.of(settled), guard.mustWaitUntil(T, settled), "a listing at the limit proves nothing yet");
        assertEquals(Optional.empty(), guard.mustWaitUntil(T, settled.plusMillis(1)));
    }

    @Test
    void theConnectTimeoutIsAllowedForToo() {
        CreateGuard withConnect = new CreateGuard(Duration.ofSeconds(60), Duration.ofSeconds(10));
        Instant settled = T.plus(CreateGuard.SEND_WITHIN).plusSeconds(70);
        assertEquals(Optional.of(settled), withConnect.mustWaitUntil(T, settled), "a request may reach Cinder that late");
        assertEquals(Optional.empty(), withConnect.mustWaitUntil(T, settled.plusMillis(1)));
    }

    @Test
    void whileWaitingItLooksAgainJustAfterTheLimitButAtLeastEveryFiveSeconds() {
        assertEquals(Duration.ofMillis(1_200), guard.nextLookup(T, T.plusSeconds(1)));
        assertEquals(Duration.ofSeconds(5), guard.nextLookup(T, T.plusSeconds(60)), "what lands meanwhile is adopted soon");
        assertEquals(Duration.ofMillis(200), guard.nextLookup(T, T.minusSeconds(3)), "already past: at once");
    }
}
