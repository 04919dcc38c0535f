package dev.openstack.snapshots.operator.unreadable;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.generator.annotation.Required;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The first {@code @Required} field missing in an object of our API classes, with its path
 * ({@code spec.snapshotRef.name}). The CRD schema refuses such objects, but an object written past the
 * schema (an older CRD, a mock) would otherwise reach index functions that dereference those fields on
 * the informer's own thread, where an exception stops the informer.
 */
final class RequiredFields {

    private static final String API_PACKAGE = "dev.openstack.snapshots.operator.api";
    private static final ClassValue<List<Accessor>> ACCESSORS = new ClassValue<>() {
        @Override
        protected List<Accessor> computeValue(Class<?> type) {
            return accessorsOf(type);
        }
    };

    private RequiredFields() {
    }

    static Optional<String> firstMissing(Object root) {
        return firstMissing(root, "");
    }

    private static Optional<String> firstMissing(Object value, String path) {
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                Optional<String> missing = firstMissing(item, path + "[" + i++ + "]");
                if (missing.isPresent()) {
                    return missing;
                }
            }
            return Optional.empty();
        }
        if (value instanceof Map<?, ?> entries) {
            for (Map.Entry<?, ?> entry : entries.entrySet()) {
                Optional<String> missing = firstMissing(entry.getValue(), path + "[" + entry.getKey() + "]");
                if (missing.isPresent()) {
                    return missing;
                }
            }
            return Optional.empty();
        }
        if (!value.getClass().getPackageName().equals(API_PACKAGE)) {
            return Optional.empty();
        }
        for (Accessor accessor : ACCESSORS.get(value.getClass())) {
            Object field = accessor.read(value);
            String fieldPath = path.isEmpty() ? accessor.name() : path + "." + accessor.name();
            if (field == null && accessor.required()) {
                return Optional.of(fieldPath);
            }
            Optional<String> missing = firstMissing(field, fieldPath);
            if (missing.isPresent()) {
                return missing;
            }
        }
        return Optional.empty();
    }

    /** The fields of an API class and the {@code @Required} getters (spec, which lives in fabric8's CustomResource). */
    private static List<Accessor> accessorsOf(Class<?> type) {
        List<Accessor> accessors = new ArrayList<>();
        for (Method method : type.getDeclaredMethods()) {
            if (method.isAnnotationPresent(Required.class) && method.getParameterCount() == 0
                    && method.getName().startsWith("get") && !method.isBridge()) {
                String name = method.getName().substring(3);
                accessors.add(new Accessor(Character.toLowerCase(name.charAt(0)) + name.substring(1), method, true));
            }
        }
        for (Class<?> c = type; c != null && c.getPackageName().equals(API_PACKAGE); c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                JsonProperty renamed = field.getAnnotation(JsonProperty.class);
                String name = renamed != null && !renamed.value().isEmpty() ? renamed.value() : field.getName();
                accessors.add(new Accessor(name, field, field.isAnnotationPresent(Required.class)));
            }
        }
        accessors.forEach(a -> a.member().setAccessible(true));
        return accessors;
    }

    private record Accessor(String name, AccessibleObject member, boolean required) {

        Object read(Object target) {
            try {
                return member instanceof Field f ? f.get(target) : ((Method) member).invoke(target);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + ((Member) member).getName(), e);
            }
        }
    }
}
