package dev.openstack.snapshots.operator.snapshot;

import dev.openstack.snapshots.operator.api.SnapshotState;
import dev.openstack.snapshots.operator.cinder.CinderSnapshot;
import dev.openstack.snapshots.operator.flow.StateTable;
import dev.openstack.snapshots.operator.observation.Observed;
import java.time.Instant;
import java.util.Optional;

/**
 * What a (non-deleting) reconcile of a snapshot does next, decided from facts alone (unit-tested from a table in
 * {@code SnapshotStepTest}); the reconciler gathers the facts and carries the step out. Before the object is observed
 * the decision is Expire, StayFailed, Link or Observe; once observed, AwaitListing, Push or Record.
 */
sealed interface SnapshotStep {

    /** keptUntil has passed: expire it (whatever its state). */
    record Expire(Instant keptUntil) implements SnapshotStep {
    }

    /** The same inputs failed terminally before: call nothing until the spec, the Secret or the pull changes. */
    record StayFailed() implements SnapshotStep {
    }

    /** No backend id yet: adopt or create, and nothing else in this pass. */
    record Link() implements SnapshotStep {
    }

    /** Linked to {@code id}: look at it in the poller's view ({@code fresh}: a direct read, for a pull). */
    record Observe(String id, boolean fresh) implements SnapshotStep {
    }

    /** Not listed yet: the poller triggers the object once it has listed the cloud; {@code trouble} while it cannot. */
    record AwaitListing(Optional<String> trouble) implements SnapshotStep {
    }

    /** Cinder has it, available, and the spec differs: push name, description and metadata. */
    record Push(CinderSnapshot actual) implements SnapshotStep {
    }

    /** Record {@code outcome} and what Cinder shows ({@code actual}, null when it vanished). */
    record Record(Outcome outcome, CinderSnapshot actual) implements SnapshotStep {
    }

    /**
     * @param expiredAt keptUntil when it has passed, else null
     * @param stillFailing a terminal failure was recorded for these same inputs
     * @param linkedId status.backendID, or spec.backendID for an import; null before the create
     * @param pulling the pull annotation asks for a direct read
     * @param seen what the poller (or a pull) shows; null while not observed yet in this pass
     * @param specDiffers the spec differs from what Cinder holds (only meaningful when seen is present)
     * @param trouble the cloud's listings fail with this message: what is seen may be stale
     */
    record Facts(Instant expiredAt, boolean stillFailing, String linkedId, boolean pulling, Observed<CinderSnapshot> seen,
            boolean specDiffers, Optional<String> trouble) {

        Facts observed(Observed<CinderSnapshot> seen, boolean specDiffers, Optional<String> trouble) {
            return new Facts(expiredAt, stillFailing, linkedId, pulling, seen, specDiffers, trouble);
        }
    }

    static SnapshotStep decide(Facts facts) {
        if (facts.expiredAt() != null) {
            return new Expire(facts.expiredAt());
        }
        if (facts.stillFailing()) {
            return new StayFailed();
        }
        if (facts.linkedId() == null) {
            return new Link();
        }
        if (facts.seen() == null) {
            return new Observe(facts.linkedId(), facts.pulling());
        }
        if (facts.seen().isUnknown()) {
            return new AwaitListing(facts.trouble());
        }
        Outcome outcome = outcomeOf(facts.seen(), facts.specDiffers(), facts.trouble());
        return outcome.state() == SnapshotState.UpdateScheduled ? new Push(facts.seen().value())
                : new Record(outcome, facts.seen().asOptional().orElse(null));
    }

    /** The outcome of what is seen (ARCHITECTURE §2, {@link StateTable}); read as possibly stale during trouble. */
    static Outcome outcomeOf(Observed<CinderSnapshot> seen, boolean specDiffers, Optional<String> trouble) {
        Outcome outcome = seen.isPresent() ? Outcome.ofCinder(seen.value().status(), specDiffers)
                : Outcome.vanished();
        return trouble.map(outcome::withCloudTrouble).orElse(outcome);
    }
}
