package dev.openstack.snapshots.simulator.faults;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/** The pending fault rules; each call of an operation consumes one use of the first matching rule. */
public final class FaultPlan {

    private final List<Pending> rules = new ArrayList<>();

    private static final class Pending {
        final FaultRule rule;
        int remaining;

        Pending(FaultRule rule) {
            this.rule = rule;
            this.remaining = rule.times();
        }
    }

    public synchronized void add(FaultRule rule) {
        rules.add(new Pending(rule));
    }

    public synchronized Optional<FaultRule> take(String operation) {
        Iterator<Pending> it = rules.iterator();
        while (it.hasNext()) {
            Pending p = it.next();
            if (p.rule.matches(operation)) {
                if (--p.remaining == 0) {
                    it.remove();
                }
                return Optional.of(p.rule);
            }
        }
        return Optional.empty();
    }

    /** What is still pending, with the remaining count in {@code times}. */
    public synchronized List<FaultRule> pending() {
        return rules.stream().map(p -> new FaultRule(p.rule.operation(), p.remaining, p.rule.status(), p.rule.message(),
                p.rule.hangMillis(), p.rule.endInError(), p.rule.answerDelayMillis())).toList();
    }

    public synchronized void clear() {
        rules.clear();
    }
}
