package dev.openstack.snapshots.operator.status;

import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the status of any of our kinds, one way for all: only when it changed (compared as JSON, minus the fields a
 * kind leaves out), as one PUT of the status subresource on the resourceVersion of the reconciler's copy (after a
 * 409, a JSON patch of the live object; no server-side apply), a 404 meaning "deleted meanwhile, nothing to record",
 * one log line per state change, and the kind's transition events once the write went through.
 *
 * <p>The link to the backend (the id and the pending-create mark) changes only through {@link #claim}, a
 * compare-and-set on the resourceVersion the decision was taken on; a plain {@link #write} takes those fields from the
 * live object ({@link Rules#keepClaimed}), so a writer holding an old copy can never unlink an object or forget a
 * pending create.
 */
public final class StatusPatcher<R extends CustomResource<?, S>, S> {

    /** What differs between kinds. */
    public interface Rules<R, S> {

        /** Top-level status fields the comparison leaves out (e.g. lastSyncTime). */
        default Set<String> notCompared() {
            return Set.of();
        }

        /** Called on a status about to be written because it changed (e.g. to stamp lastSyncTime). */
        default void stamp(S next) {
        }

        /** Fields another writer owns, taken from {@code current} (the live status, or the claimed copy's). */
        default void keepOthers(S current, S next) {
        }

        /** Fields only {@link StatusPatcher#claim} changes: a plain write takes them from {@code live}. */
        default void keepClaimed(R live, S next) {
        }

        /** The state, for the log line of a transition (null when the kind has none yet). */
        Object stateOf(S status);

        String errorOf(S status);

        /** The events of a transition from {@code before} (null: no status yet) to {@code after}. */
        void announce(R resource, S before, S after);
    }

    private static final Logger LOG = LoggerFactory.getLogger(StatusPatcher.class);

    private final KubernetesClient client;
    private final Class<R> type;
    private final Rules<R, S> rules;

    public StatusPatcher(KubernetesClient client, Class<R> type, Rules<R, S> rules) {
        this.client = client;
        this.type = type;
        this.rules = rules;
    }

    /** A deep copy of {@code status} through JSON (so no field is ever forgotten), or {@code empty} when null. */
    public static <S> S copyOf(S status, Supplier<S> empty) {
        return status == null ? empty.get() : Serialization.clone(status);
    }

    /** Writes {@code next} if it differs from the object's status and announces the transition; returns the object as it now is. */
    public R write(R resource, S next) {
        return write(resource, next, true);
    }

    /** Like {@link #write}, without events: for failures that are retried (no news until they end). */
    public R writeQuietly(R resource, S next) {
        return write(resource, next, false);
    }

    private R write(R resource, S next, boolean announce) {
        S before = resource.getStatus();
        if (!changed(before, next)) {
            return resource;
        }
        rules.stamp(next);
        try {
            R written = replaceIfUnchanged(resource, next);
            if (written == null) {
                written = client.resources(type).inNamespace(resource.getMetadata().getNamespace())
                        .withName(resource.getMetadata().getName()).editStatus(live -> {
                            if (live.getStatus() != null) {
                                rules.keepOthers(live.getStatus(), next);
                            }
                            rules.keepClaimed(live, next);
                            live.setStatus(next);
                            return live;
                        });
            }
            logTransition(resource, before, next);
            if (announce) {
                rules.announce(resource, before, next);
            }
            return written == null ? resource : written;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return resource; // deleted meanwhile: nothing to record
            }
            throw e;
        }
    }

    /**
     * The common case in one request: the status replaced on the resourceVersion of the copy the reconciler holds, the
     * other writers' and the claimed fields taken from that copy, which the precondition proves current. Null when the
     * object changed since (409): the caller then reads the live object and patches it, two requests.
     */
    private R replaceIfUnchanged(R resource, S next) {
        if (resource.getMetadata().getResourceVersion() == null) {
            return null;
        }
        if (resource.getStatus() != null) {
            rules.keepOthers(resource.getStatus(), next);
        }
        rules.keepClaimed(resource, next); // both overwrite: the fallback takes them from the live object again
        R copy = Serialization.clone(resource);
        copy.setStatus(next);
        try {
            return client.resource(copy).updateStatus();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                return null;
            }
            throw e;
        }
    }

    /**
     * Writes {@code next} only if the object is still at the resourceVersion of {@code resource}: the compare-and-set
     * that makes "a create is requested" and "linked to this backend resource" true for exactly one writer.
     *
     * @throws KubernetesClientException 409 when the object changed since (the caller retries on a fresh copy)
     */
    public R claim(R resource, S next) {
        S before = resource.getStatus();
        rules.stamp(next);
        if (before != null) {
            rules.keepOthers(before, next);
        }
        R copy = Serialization.clone(resource);
        copy.setStatus(next);
        R written = client.resource(copy).updateStatus();
        logTransition(resource, before, next);
        rules.announce(resource, before, next);
        return written;
    }

    /** The object as the API server has it now (not the informer's copy), or null when it is gone. */
    public R fresh(R resource) {
        return client.resources(type).inNamespace(resource.getMetadata().getNamespace())
                .withName(resource.getMetadata().getName()).get();
    }

    /** Whether {@code next} says anything {@code before} does not (the kind's uncompared fields aside). */
    @SuppressWarnings("unchecked")
    public boolean changed(S before, S next) {
        if (before == null || next == null) {
            return before != next;
        }
        var serialization = client.getKubernetesSerialization();
        Map<String, Object> left = serialization.convertValue(before, Map.class);
        Map<String, Object> right = serialization.convertValue(next, Map.class);
        left.keySet().removeAll(rules.notCompared());
        right.keySet().removeAll(rules.notCompared());
        return !left.equals(right);
    }

    /** The kind's events for a transition, for a kind that hands its status to JOSDK to write. */
    public void announce(R resource, S before, S next) {
        rules.announce(resource, before, next);
    }

    private void logTransition(R resource, S before, S next) {
        Object was = before == null ? null : rules.stateOf(before);
        Object now = rules.stateOf(next);
        if (!Objects.equals(was, now)) {
            String error = rules.errorOf(next);
            LOG.info("{}/{}: {} -> {}{}", resource.getMetadata().getNamespace(), resource.getMetadata().getName(), was,
                    now, error == null || error.isEmpty() ? "" : " (" + error + ")");
        }
    }
}
