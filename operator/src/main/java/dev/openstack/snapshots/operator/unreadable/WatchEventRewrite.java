package dev.openstack.snapshots.operator.unreadable;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.client.Watcher;
import java.io.IOException;

/**
 * Turns every watch event that carries the stand-in of an unreadable object into a DELETED event: to
 * the operator an object it cannot read does not exist. An informer then drops the last readable version
 * it held (or ignores the event if it held none), moves its resourceVersion past the event, and keeps
 * watching; a fixed object comes back as an ADDED one. (fabric8 closes the watch on an event it cannot
 * read, and JOSDK stops the operator when an informer's watch fails.)
 */
final class WatchEventRewrite extends DelegatingDeserializer {

    WatchEventRewrite(JsonDeserializer<?> delegate) {
        super(delegate);
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
        return new WatchEventRewrite(newDelegatee);
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        Object value = super.deserialize(p, ctxt);
        if (value instanceof WatchEvent event && Unreadable.isStandIn(event.getObject())
                && (Watcher.Action.ADDED.name().equals(event.getType()) || Watcher.Action.MODIFIED.name().equals(event.getType()))) {
            event.setType(Watcher.Action.DELETED.name());
        }
        return value;
    }
}
