package dev.openstack.snapshots.operator.unreadable;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import java.io.IOException;
import java.util.Collection;

/**
 * Drops the stand-ins of unreadable objects from a list as it is read: the items of a list response
 * ({@code items}), so that an informer starts, and relists, with every readable object and without the
 * unreadable ones, which {@link ResourceReader} has already reported.
 */
final class ListFilter extends DelegatingDeserializer {

    ListFilter(JsonDeserializer<?> delegate) {
        super(delegate);
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
        return new ListFilter(newDelegatee);
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        return withoutStandIns(super.deserialize(p, ctxt));
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object deserialize(JsonParser p, DeserializationContext ctxt, Object intoValue) throws IOException {
        return withoutStandIns(((JsonDeserializer<Object>) _delegatee).deserialize(p, ctxt, intoValue));
    }

    private static Object withoutStandIns(Object value) {
        if (value instanceof Collection<?> items) {
            items.removeIf(Unreadable::isStandIn);
        }
        return value;
    }
}
