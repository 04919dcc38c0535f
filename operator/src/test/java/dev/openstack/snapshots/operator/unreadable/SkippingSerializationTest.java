package dev.openstack.snapshots.operator.unreadable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import io.fabric8.kubernetes.api.model.DefaultKubernetesResourceList;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the operator's serialization reads objects it can and cannot read, in lists, watch events and direct reads. */
class SkippingSerializationTest {

    private static final String GOOD = object("good", "1", """
            {"cloudCredentialsRef": {"secretName": "s", "cloudName": "c"}, "sourceVolume": {"id": "v"}}""");
    private static final String BAD = object("bad", "2", """
            {"cloudCredentialsRef": {"secretName": "s", "cloudName": "c"}, "sourceVolume": {"id": "v"}, "deletionPolicy": "Sometimes"}""");

    private final List<Unreadable> reported = new ArrayList<>();
    private final SkippingSerialization serialization = new SkippingSerialization(OperatorClient.KINDS, reported::add);

    private static String object(String name, String resourceVersion, String spec) {
        return """
                {"apiVersion": "blockstorage.openstack.dev/v1alpha1", "kind": "OpenStackSnapshot",
                 "metadata": {"name": "%s", "namespace": "n", "uid": "u-%s", "resourceVersion": "%s"}, "spec": %s}"""
                .formatted(name, name, resourceVersion, spec);
    }

    /** managedFields are most of a cached object's heap and the operator never reads them. */
    @Test
    void anObjectIsReadWithoutItsManagedFields() {
        OpenStackSnapshot read = serialization.unmarshal(GOOD.replace("\"resourceVersion\": \"1\"}", "\"resourceVersion\": \"1\", "
                + "\"managedFields\": [{\"manager\": \"kubectl\", \"operation\": \"Apply\", \"fieldsType\": \"FieldsV1\", "
                + "\"fieldsV1\": {\"f:spec\": {\"f:sourceVolume\": {\"f:id\": {}}}}}]}"), OpenStackSnapshot.class);
        assertEquals("good", read.getMetadata().getName());
        assertTrue(read.getMetadata().getManagedFields() == null || read.getMetadata().getManagedFields().isEmpty(),
                "managedFields: " + read.getMetadata().getManagedFields());
    }

    @Test
    void aListKeepsTheReadableItemsAndReportsTheOthers() {
        Type type = serialization.constructParametricType(DefaultKubernetesResourceList.class, OpenStackSnapshot.class);
        DefaultKubernetesResourceList<OpenStackSnapshot> list = serialization.unmarshal(
                new ByteArrayInputStream(("{\"items\": [" + GOOD + ", " + BAD + "]}").getBytes(StandardCharsets.UTF_8)),
                new TypeReference<>() {
                    @Override
                    public Type getType() {
                        return type;
                    }
                });
        assertEquals(List.of("good"), list.getItems().stream().map(s -> s.getMetadata().getName()).toList());
        assertEquals(1, reported.size());
        Unreadable bad = reported.get(0);
        assertEquals("n/bad", bad.object());
        assertEquals("u-bad", bad.uid());
        assertEquals("2", bad.resourceVersion());
        assertTrue(bad.problem().startsWith("spec.deletionPolicy: "), bad.problem());
        assertTrue(bad.problem().contains("Sometimes"), bad.problem());
    }

    @Test
    void aWatchEventOfAnUnreadableObjectBecomesADeletionOfItsKey() {
        WatchEvent event = serialization.unmarshal("{\"type\": \"MODIFIED\", \"object\": " + BAD + "}", WatchEvent.class);
        assertEquals("DELETED", event.getType());
        OpenStackSnapshot standIn = (OpenStackSnapshot) event.getObject();
        assertEquals("bad", standIn.getMetadata().getName());
        assertEquals("2", standIn.getMetadata().getResourceVersion(), "the informer moves past the event");
        assertEquals(1, reported.size());

        WatchEvent readable = serialization.unmarshal("{\"type\": \"MODIFIED\", \"object\": " + GOOD + "}", WatchEvent.class);
        assertEquals("MODIFIED", readable.getType());
        assertEquals("v", ((OpenStackSnapshot) readable.getObject()).getSpec().getSourceVolume().getId());
    }

    @Test
    void aBookmarkIsNeitherRewrittenNorReported() {
        WatchEvent bookmark = serialization.unmarshal("""
                {"type": "BOOKMARK", "object": {"apiVersion": "blockstorage.openstack.dev/v1alpha1", "kind": "OpenStackSnapshot",
                 "metadata": {"resourceVersion": "42"}}}""", WatchEvent.class);
        assertEquals("BOOKMARK", bookmark.getType());
        assertEquals("42", ((OpenStackSnapshot) bookmark.getObject()).getMetadata().getResourceVersion());
        assertEquals(List.of(), reported);
    }

    @Test
    void aDirectReadOfAnUnreadableObjectFailsNamingTheField() {
        KubernetesClientException e = assertThrows(KubernetesClientException.class,
                () -> serialization.unmarshal(BAD, OpenStackSnapshot.class));
        assertTrue(e.getMessage().startsWith("OpenStackSnapshot n/bad cannot be read: spec.deletionPolicy: "), e.getMessage());
        assertEquals("v", serialization.unmarshal(GOOD, OpenStackSnapshot.class).getSpec().getSourceVolume().getId());
    }

    @Test
    void aMissingRequiredFieldMakesAnObjectUnreadable() {
        assertThrows(KubernetesClientException.class, () -> serialization.unmarshal(object("x", "3", """
                {"cloudCredentialsRef": {"cloudName": "c"}, "sourceVolume": {"id": "v"}}"""), OpenStackSnapshot.class));
        assertEquals("spec.cloudCredentialsRef.secretName: required but missing", reported.get(0).problem());
    }
}
