package dev.openstack.snapshots.operator.observation;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import java.util.Set;

/**
 * The JOSDK side of bulk observation: a reconciler registers one of these, passes it to
 * {@link CloudObserver#watchSnapshot} / {@link CloudObserver#watchVolume}, and gets a reconciliation of
 * exactly the objects whose backend view changed.
 */
public final class ObservationEventSource<P extends HasMetadata> extends AbstractEventSource<Observed, P>
        implements ChangeListener {

    public ObservationEventSource(String name) {
        super(Observed.class, name);
    }

    @Override
    public void changed(ResourceID owner) {
        if (isRunning() && getEventHandler() != null) {
            getEventHandler().handleEvent(new Event(owner));
        }
    }

    @Override
    public Set<Observed> getSecondaryResources(P primary) {
        return Set.of();
    }
}
