package dev.openstack.snapshots.operator.snapshot;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The Ready and Progressing conditions of an outcome, metav1.Condition style: lastTransitionTime
 * moves only when the status of a condition flips.
 */
public final class SnapshotConditions {

    public static final String READY = "Ready";
    public static final String PROGRESSING = "Progressing";

    private final Clock clock;

    public SnapshotConditions(Clock clock) {
        this.clock = clock;
    }

    public List<Condition> of(Outcome outcome, long generation, List<Condition> previous) {
        String readyReason = outcome.ready() ? Reason.Success.name()
                : outcome.reason() == Reason.Success ? Reason.Progressing.name() : outcome.reason().name();
        String progressingReason = outcome.reason() == Reason.TransientError
                || outcome.reason() == Reason.RestorationInProgress ? outcome.reason().name()
                : outcome.progressingNow() ? Reason.Progressing.name() : outcome.reason().name();
        List<Condition> result = new ArrayList<>();
        String ready = outcome.unobserved() ? "Unknown" : outcome.ready() ? "True" : "False";
        result.add(condition(READY, ready, outcome.unobserved() ? Reason.TransientError.name() : readyReason,
                outcome.message(), generation, previous));
        // a transient error is being retried (or waited out): that is progress, whatever the state
        boolean progressing = outcome.progressingNow() || outcome.reason() == Reason.TransientError;
        result.add(condition(PROGRESSING, progressing ? "True" : "False", progressingReason, outcome.message(),
                generation, previous));
        return result;
    }

    /** A transient failure: Ready as it was, Progressing True with reason TransientError. */
    public List<Condition> transientError(String message, long generation, List<Condition> previous) {
        List<Condition> result = new ArrayList<>();
        Condition ready = find(previous, READY);
        result.add(ready != null ? ready
                : condition(READY, "False", Reason.TransientError.name(), message, generation, previous));
        result.add(condition(PROGRESSING, "True", Reason.TransientError.name(), message, generation, previous));
        return result;
    }

    private Condition condition(String type, String statusText, String reason, String message, long generation,
            List<Condition> previous) {
        Condition before = find(previous, type);
        String transition = before != null && Objects.equals(before.getStatus(), statusText)
                ? before.getLastTransitionTime()
                : clock.instant().toString();
        return new ConditionBuilder().withType(type).withStatus(statusText).withReason(reason)
                .withMessage(message == null ? "" : message).withObservedGeneration(generation)
                .withLastTransitionTime(transition).build();
    }

    public static Condition find(List<Condition> conditions, String type) {
        if (conditions == null) {
            return null;
        }
        return conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
    }
}
