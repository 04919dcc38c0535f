package dev.openstack.snapshots.operator.unreadable;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.InputStream;
import java.util.List;
import java.util.function.Consumer;

/**
 * fabric8's serialization with {@link SkipUnreadableModule}: lists and watches skip unreadable objects
 * of our kinds. A direct read of one (get, patch, edit) fails with the problem instead of returning the
 * stand-in, so no caller ever works on an object it did not read.
 */
final class SkippingSerialization extends KubernetesSerialization {

    SkippingSerialization(List<Class<? extends HasMetadata>> kinds, Consumer<Unreadable> report) {
        super(new ObjectMapper().registerModule(new SkipUnreadableModule(kinds, report)), true);
        // A watch event's object is read by kind: unregistered, it would arrive as a generic resource and be
        // converted to the kind after the event, too late for WatchEventRewrite to change the event's type.
        kinds.forEach(this::registerKubernetesResource);
    }

    @Override
    public <T> T unmarshal(InputStream is, TypeReference<T> type) {
        T value = super.unmarshal(is, type);
        if (Unreadable.isStandIn(value)) {
            Unreadable unreadable = Unreadable.of((HasMetadata) value);
            throw new KubernetesClientException(unreadable.kind() + " " + unreadable.object() + " cannot be read: "
                    + unreadable.problem());
        }
        return value;
    }
}
