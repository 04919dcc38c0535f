package dev.openstack.snapshots.operator.unreadable;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.CollectionType;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.WatchEvent;
import java.util.List;
import java.util.function.Consumer;

/**
 * The Jackson side of skipping unreadable objects: our kinds are read by {@link ResourceReader}, lists
 * that can hold them by {@link ListFilter}, watch events by {@link WatchEventRewrite}.
 */
final class SkipUnreadableModule extends SimpleModule {

    SkipUnreadableModule(List<Class<? extends HasMetadata>> kinds, Consumer<Unreadable> report) {
        super("skip-unreadable-objects");
        setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            @SuppressWarnings("unchecked")
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                    JsonDeserializer<?> deserializer) {
                Class<?> type = description.getBeanClass();
                if (kinds.contains(type)) {
                    return new ResourceReader(deserializer, (Class<? extends HasMetadata>) type, report);
                }
                if (type == WatchEvent.class) {
                    return new WatchEventRewrite(deserializer);
                }
                return deserializer;
            }

            @Override
            public JsonDeserializer<?> modifyCollectionDeserializer(DeserializationConfig config, CollectionType type,
                    BeanDescription description, JsonDeserializer<?> deserializer) {
                Class<?> content = type.getContentType().getRawClass();
                // lists of our kinds, and the lists of HasMetadata / KubernetesResource that generic reads produce
                return kinds.stream().anyMatch(content::isAssignableFrom) ? new ListFilter(deserializer) : deserializer;
            }
        });
    }
}
