package dev.openstack.snapshots.simulator.faults;

import java.util.Optional;

/**
 * What every counted operation passes through before it runs: the counter goes up, and a pending fault rule, if
 * any, is applied (the hang happens here; the caller renders the status in its API's error shape).
 */
public final class OperationGate {

    private final RequestCounters counters;
    private final FaultPlan faults;
    private final RequestLog log;

    public OperationGate(RequestCounters counters, FaultPlan faults, RequestLog log) {
        this.counters = counters;
        this.faults = faults;
        this.log = log;
    }

    /** As {@link #enter(String)}, for a call addressed to one resource: its arrival is logged before any hang. */
    public Optional<FaultRule> enter(String operation, String resourceId) {
        if (resourceId != null) {
            log.record(operation, resourceId);
        }
        return enter(operation);
    }

    /** Every {@code enter} must be followed by {@link #leave()} once the answer is built. */
    public Optional<FaultRule> enter(String operation) {
        counters.increment(operation);
        counters.started();
        Optional<FaultRule> rule = faults.take(operation);
        rule.filter(r -> r.hangMillis() > 0).ifPresent(r -> sleep(r.hangMillis()));
        return rule;
    }

    /** Holds the answer of a call whose rule asks for it, after the operation took effect. */
    public void delayAnswer(Optional<FaultRule> rule) {
        rule.filter(r -> r.answerDelayMillis() > 0).ifPresent(r -> sleep(r.answerDelayMillis()));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public void leave() {
        counters.finished();
    }
}
