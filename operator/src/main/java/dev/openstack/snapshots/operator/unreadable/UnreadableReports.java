package dev.openstack.snapshots.operator.unreadable;

import dev.openstack.snapshots.operator.events.TransitionEvents;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells about each unreadable version of an object once: an ERROR log line naming it and the field,
 * and a Warning event {@value #REASON} on it. Objects are read on the client's own threads (an
 * informer's watch), so the event is written from a thread of its own; a relist that reads the same
 * version again says nothing new.
 */
final class UnreadableReports {

    static final String REASON = "Unreadable";
    private static final Logger LOG = LoggerFactory.getLogger(UnreadableReports.class);
    /** Versions already reported; bounded, a forgotten one is at worst reported twice. */
    private static final int REMEMBERED = 10_000;

    private final Set<String> reported = Collections.newSetFromMap(Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > REMEMBERED;
                }
            }));
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "unreadable-object-events");
        thread.setDaemon(true);
        return thread;
    });
    private volatile TransitionEvents events;

    /** Events are written through {@code events} from now on (the client that reads the objects writes them). */
    void writeEventsWith(TransitionEvents events) {
        this.events = events;
    }

    void report(Unreadable object) {
        if (!reported.add(object.kind() + "/" + object.uid() + "/" + object.object() + "@" + object.resourceVersion())) {
            return;
        }
        LOG.error("{}: skipping {} (resourceVersion {}), it cannot be read: {}; fix the field and it is reconciled again",
                object.object(), object.kind(), object.resourceVersion(), object.problem());
        TransitionEvents sink = events;
        if (sink == null || object.namespace() == null) {
            return;
        }
        try {
            writer.execute(() -> sink.warning(involved(object), REASON, "The operator cannot read this object and skips it: "
                    + object.problem() + ". Fix the field (kubectl edit) and it is reconciled again."));
        } catch (RejectedExecutionException closed) {
            // the client is closing; the log line stands
        }
    }

    private static GenericKubernetesResource involved(Unreadable object) {
        GenericKubernetesResource resource = new GenericKubernetesResource();
        resource.setApiVersion(dev.openstack.snapshots.operator.api.OpenStackSnapshot.GROUP + "/v1alpha1");
        resource.setKind(object.kind());
        resource.setMetadata(new ObjectMetaBuilder().withNamespace(object.namespace()).withName(object.name())
                .withUid(object.uid()).build());
        return resource;
    }
}
