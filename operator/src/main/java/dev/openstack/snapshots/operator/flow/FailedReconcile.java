package dev.openstack.snapshots.operator.flow;

import dev.openstack.snapshots.operator.cinder.TransientCinderException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * What a reconcile that threw records, the same for both Cinder-backed kinds (JOSDK's updateErrorStatus): a conflict
 * is not news; anything else is written as a failure being retried (Progressing True / TransientError, the state
 * kept) on the live object - this reconcile may have written status since JOSDK took its copy (the create mark,
 * before a create), and that must not be lost - while JOSDK retries with per-object backoff.
 */
public final class FailedReconcile {

    private FailedReconcile() {
    }

    /**
     * @param message the kind's wording of the failure (with Cinder's request id, for example)
     * @param retrying writes the retrying status on the live object
     */
    public static <R extends HasMetadata> ErrorStatusUpdateControl<R> record(R object, Exception e,
            Function<RuntimeException, String> message, UnaryOperator<R> fresh, BiConsumer<R, String> retrying) {
        Throwable cause = e instanceof TransientCinderException || e.getCause() == null ? e : e.getCause();
        if (cause instanceof KubernetesClientException k && k.getCode() == 409) {
            return ErrorStatusUpdateControl.noStatusUpdate();
        }
        String text = cause instanceof RuntimeException r ? message.apply(r) : String.valueOf(cause);
        try {
            R live = fresh.apply(object);
            if (live != null) {
                retrying.accept(live, text);
            }
        } catch (KubernetesClientException ignored) {
            // the retry will record it
        }
        return ErrorStatusUpdateControl.noStatusUpdate();
    }
}
