package dev.openstack.snapshots.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The conditions of every kind, metav1.Condition style: Ready first, then Progressing (schedules have Ready only);
 * each carries the generation it describes; lastTransitionTime moves only when a condition's status flips.
 */
public final class Conditions {

    public static final String READY = "Ready";
    public static final String PROGRESSING = "Progressing";

    /** One condition to set: its type, status ("True", "False", "Unknown"), reason and message. */
    public record Wanted(String type, String status, Reason reason, String message) {

        public static Wanted ready(boolean ready, Reason reason, String message) {
            return new Wanted(READY, ready ? "True" : "False", reason, message);
        }

        public static Wanted readyUnknown(Reason reason, String message) {
            return new Wanted(READY, "Unknown", reason, message);
        }

        public static Wanted progressing(boolean progressing, Reason reason, String message) {
            return new Wanted(PROGRESSING, progressing ? "True" : "False", reason, message);
        }
    }

    private final Clock clock;

    public Conditions(Clock clock) {
        this.clock = clock;
    }

    /**
     * {@code previous} (not changed) with each wanted condition replacing the one of its type: Ready at the head,
     * others after the ones already there.
     */
    public List<Condition> with(List<Condition> previous, Long generation, Wanted... wanted) {
        List<Condition> result = new ArrayList<>();
        if (previous != null) {
            previous.forEach(c -> result.add(new ConditionBuilder(c).build()));
        }
        for (Wanted w : wanted) {
            Condition next = condition(find(previous, w.type()).orElse(null), w, generation);
            result.removeIf(c -> w.type().equals(c.getType()));
            result.add(READY.equals(w.type()) ? 0 : result.size(), next);
        }
        return result;
    }

    /** A failure being retried: Ready stays as it was (False/TransientError if none yet), Progressing True/TransientError. */
    public List<Condition> retrying(List<Condition> previous, Long generation, String message) {
        Wanted progressing = Wanted.progressing(true, Reason.TransientError, message);
        return find(previous, READY).isPresent() ? with(previous, generation, progressing)
                : with(previous, generation, Wanted.ready(false, Reason.TransientError, message), progressing);
    }

    private Condition condition(Condition before, Wanted w, Long generation) {
        String transition = before != null && Objects.equals(before.getStatus(), w.status())
                && before.getLastTransitionTime() != null ? before.getLastTransitionTime() : clock.instant().toString();
        return new ConditionBuilder().withType(w.type()).withStatus(w.status()).withReason(w.reason().name())
                .withMessage(w.message() == null ? "" : w.message()).withObservedGeneration(generation)
                .withLastTransitionTime(transition).build();
    }

    public static Optional<Condition> find(List<Condition> conditions, String type) {
        return conditions == null ? Optional.empty()
                : conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
    }
}
