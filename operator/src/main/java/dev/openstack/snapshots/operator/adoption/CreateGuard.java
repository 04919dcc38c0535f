package dev.openstack.snapshots.operator.adoption;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a create may be sent again after one whose answer was never recorded (the operator died, or the call timed
 * out). Such a create was persisted as "requested at T" before it was sent; it leaves for Cinder by T +
 * {@link #SEND_WITHIN} or not at all ({@code SendDeadline}: under load, waiting for a call slot or a token took longer,
 * and a create sent late outlived the wait - the kill campaign's duplicate volume), reaches Cinder within the connect
 * timeout, and Cinder may still make it until the call is over on its side, which the read timeout bounds. So only a
 * listing that STARTED after T plus those three, and shows nothing tagged for the object, proves that there is
 * nothing to adopt. T comes from the status written (and confirmed by the API server) before the call, so this holds
 * across restarts and between two operator processes. (Clocks of two operator processes are assumed to agree within
 * a fraction of the read timeout.)
 */
public record CreateGuard(Duration readTimeout, Duration connectTimeout) {

    /** How long after its mark a create may still leave; later, it is not sent (and the mark is cleared). */
    public static final Duration SEND_WITHIN = Duration.ofSeconds(2);

    /** Without a connect timeout of its own to allow for (tests of the decision). */
    public CreateGuard(Duration readTimeout) {
        this(readTimeout, Duration.ZERO);
    }

    private static final Duration SHORTEST = Duration.ofMillis(200);
    /** Looked up again at least this often while waiting, so that what lands meanwhile is adopted at once. */
    private static final Duration LONGEST = Duration.ofSeconds(5);

    /**
     * @param requestedAt when the unanswered create was sent, or null when none is pending
     * @param listingStartedAt when the lookup that found nothing tagged started
     * @return empty when that lookup proves nothing will appear, so a create may be sent; otherwise the instant
     *     after which a new lookup can prove it
     */
    public Optional<Instant> mustWaitUntil(Instant requestedAt, Instant listingStartedAt) {
        if (requestedAt == null) {
            return Optional.empty();
        }
        Instant settled = requestedAt.plus(SEND_WITHIN).plus(connectTimeout).plus(readTimeout);
        return listingStartedAt.isAfter(settled) ? Optional.empty() : Optional.of(settled);
    }

    /** When to look again while waiting until {@code settled}: just after it, but at least every 5 s. */
    public Duration nextLookup(Instant now, Instant settled) {
        Duration left = Duration.between(now, settled).plus(SHORTEST);
        if (left.compareTo(SHORTEST) < 0) {
            return SHORTEST;
        }
        return left.compareTo(LONGEST) > 0 ? LONGEST : left;
    }
}
