package dev.openstack.snapshots.operator.flow;

import dev.openstack.snapshots.operator.api.SnapshotState;
import dev.openstack.snapshots.operator.status.Conditions;
import dev.openstack.snapshots.operator.status.Reason;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A failure retrying cannot fix (a 4xx, a bad spec, a missing Secret) is not sent again until the inputs it was
 * decided on change. Decided the same way for both Cinder-backed kinds, first from status, which every process and a
 * restart see: the object is Erred for the spec now (observedGeneration = generation), for a reason of its own (not
 * because its snapshot failed, its resource vanished or Cinder could not be read). A kind whose failures depend on
 * more than the spec (a snapshot's Secret and pull annotation) also names those inputs; they are remembered in memory,
 * so after a restart such an object is tried once more, which is harmless.
 */
public final class TerminalFailures {

    /** Erred for these reasons, the object waits for something else than its own spec: not sticky. */
    private static final Set<String> NOT_ITS_OWN = Set.of(Reason.SnapshotFailed.name(), Reason.NotFound.name(),
            Reason.TransientError.name());

    private final Map<ResourceID, Object> inputs = new ConcurrentHashMap<>();

    /** What status says to every process: Erred for the current spec, for a reason of its own. */
    public static boolean erredForThisSpec(HasMetadata object, SnapshotState state, Long observedGeneration,
            List<Condition> conditions) {
        String reason = Conditions.find(conditions, Conditions.READY).map(Condition::getReason).orElse(null);
        return state == SnapshotState.Erred && Objects.equals(observedGeneration, object.getMetadata().getGeneration())
                && (reason == null || !NOT_ITS_OWN.contains(reason));
    }

    /** A terminal failure was recorded with these inputs besides the spec. */
    public void remember(ResourceID id, Object failedWith) {
        inputs.put(id, failedWith);
    }

    /** Status says Erred for this spec, and the other inputs are those the failure was remembered with. */
    public boolean stillFailing(HasMetadata object, SnapshotState state, Long observedGeneration,
            List<Condition> conditions, Object now) {
        return erredForThisSpec(object, state, observedGeneration, conditions)
                && now.equals(inputs.get(ResourceID.fromResource(object)));
    }

    public void forget(ResourceID id) {
        inputs.remove(id);
    }
}
