package dev.openstack.snapshots.operator.snapshot;

import dev.openstack.snapshots.operator.adoption.OwnerMatch;
import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.events.TransitionEvents;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says once (per operator process) that a Cinder snapshot carrying an object's uid was not adopted because the rest
 * of its owner tags or its volume do not match: a Warning event on the object and a log line. Such a snapshot is
 * neither adopted nor deleted: it is not provably ours.
 */
final class RefusalReports {

    private static final Logger LOG = LoggerFactory.getLogger(RefusalReports.class);

    private final TransitionEvents events;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    RefusalReports(TransitionEvents events) {
        this.events = events;
    }

    void report(OpenStackSnapshot snapshot, List<OwnerMatch.Refusal> refusals) {
        var meta = snapshot.getMetadata();
        for (OwnerMatch.Refusal r : refusals) {
            if (reported.add(meta.getUid() + "/" + r.id())) {
                String message = "Cinder snapshot " + r.id() + " was not adopted: " + r.why();
                LOG.warn("{}/{}: {}", meta.getNamespace(), meta.getName(), message);
                events.warning(snapshot, "AdoptionRefused", message);
            }
        }
    }
}
