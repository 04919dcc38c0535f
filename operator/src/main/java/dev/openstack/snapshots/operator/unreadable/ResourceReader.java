package dev.openstack.snapshots.operator.unreadable;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Reads one of our custom resources and, when it cannot, returns a stand-in instead of failing: an
 * instance of the kind with only the object's metadata, marked with the problem (see {@link Unreadable}).
 * One unreadable item would otherwise fail the whole list an informer starts from, or close its watch,
 * and JOSDK stops the operator on either.
 */
final class ResourceReader extends DelegatingDeserializer {

    /** Problems are cut here: an event message has room for a few lines, not for a whole object. */
    private static final int MAX_PROBLEM = 400;

    private final Class<? extends HasMetadata> kind;
    private final Consumer<Unreadable> report;

    ResourceReader(JsonDeserializer<?> delegate, Class<? extends HasMetadata> kind, Consumer<Unreadable> report) {
        super(delegate);
        this.kind = kind;
        this.report = report;
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
        return new ResourceReader(newDelegatee, kind, report);
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonNode tree = ctxt.readTree(p);
        if (tree.path("metadata") instanceof ObjectNode metadata) {
            // Never read by the operator, and most of an object's size once read (a tree of maps per field manager,
            // kept twice by the caches; docs/benchmarks.md has the heap figures). Writes leave them to the API server,
            // which keeps an object's managedFields when a request carries none.
            metadata.remove("managedFields");
        }
        String problem;
        try (JsonParser fields = tree.traverse(p.getCodec())) {
            fields.nextToken();
            Object value = _delegatee.deserialize(fields, ctxt);
            Optional<String> missing = RequiredFields.firstMissing(value);
            if (missing.isEmpty()) {
                return value;
            }
            problem = missing.get() + ": required but missing";
        } catch (JacksonException | RuntimeException e) {
            problem = describe(e);
        }
        HasMetadata standIn = standIn(tree, ctxt, problem);
        if (standIn.getMetadata().getName() != null) {
            // a watch BOOKMARK carries an object of the kind with only a resourceVersion: nothing to report
            report.accept(Unreadable.of(standIn));
        }
        return standIn;
    }

    private HasMetadata standIn(JsonNode tree, DeserializationContext ctxt, String problem) {
        HasMetadata standIn;
        try {
            standIn = kind.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(kind + " has no public no-argument constructor", e);
        }
        standIn.setMetadata(metadataOf(tree.path("metadata"), ctxt));
        standIn.getMetadata().getAdditionalProperties().put(Unreadable.MARK, problem);
        return standIn;
    }

    /** The metadata as it is, or, if even that is unreadable, the few fields an informer keys objects by. */
    private static ObjectMeta metadataOf(JsonNode metadata, DeserializationContext ctxt) {
        try {
            ObjectMeta meta = ctxt.readTreeAsValue(metadata, ObjectMeta.class);
            if (meta != null) {
                return meta;
            }
        } catch (IOException | RuntimeException e) {
            // fall through to the fields every object has
        }
        ObjectMeta meta = new ObjectMeta();
        meta.setNamespace(text(metadata, "namespace"));
        meta.setName(text(metadata, "name"));
        meta.setUid(text(metadata, "uid"));
        meta.setResourceVersion(text(metadata, "resourceVersion"));
        return meta;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() ? value.asText() : null;
    }

    /** {@code spec.volume.sizeGiB: Numeric value (3000000000) out of range of int ...}, one line. */
    static String describe(Exception e) {
        String message = e instanceof JacksonException j ? j.getOriginalMessage() : e.toString();
        String path = e instanceof JsonMappingException m ? m.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[") : "";
        String line = (path.isEmpty() ? "" : path + ": ") + String.valueOf(message).replaceAll("\\s+", " ").trim();
        return line.length() <= MAX_PROBLEM ? line : line.substring(0, MAX_PROBLEM - 3) + "...";
    }
}
