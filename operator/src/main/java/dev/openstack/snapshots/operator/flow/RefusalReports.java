package dev.openstack.snapshots.operator.flow;

import dev.openstack.snapshots.operator.adoption.OwnerMatch;
import dev.openstack.snapshots.operator.events.TransitionEvents;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says once (per operator process) that a Cinder resource carrying an object's uid was not adopted because the rest
 * of its owner tags or its parent (volume, snapshot) do not match: a Warning event {@code AdoptionRefused} on the
 * object and a log line. Such a resource is neither adopted nor deleted: it is not provably the object's.
 */
public final class RefusalReports {

    private static final Logger LOG = LoggerFactory.getLogger(RefusalReports.class);

    private final TransitionEvents events;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    public RefusalReports(TransitionEvents events) {
        this.events = events;
    }

    /** @param noun what the resources are: "Cinder snapshot", "Cinder volume" */
    public void report(HasMetadata object, String noun, List<OwnerMatch.Refusal> refusals) {
        var meta = object.getMetadata();
        for (OwnerMatch.Refusal r : refusals) {
            if (reported.add(meta.getUid() + "/" + r.id())) {
                String message = noun + " " + r.id() + " was not adopted: " + r.why();
                LOG.warn("{}/{}: {}", meta.getNamespace(), meta.getName(), message);
                events.warning(object, "AdoptionRefused", message);
            }
        }
    }
}
