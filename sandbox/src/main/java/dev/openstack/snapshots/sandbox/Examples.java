package dev.openstack.snapshots.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotSchedule;
import dev.openstack.snapshots.operator.api.SnapshotRestoration;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Applies the repository's examples/ as a user would with `kubectl apply -f examples/`, after replacing the
 * placeholders that only make sense on a real cloud (the simulator's auth URL, ids of volumes and snapshots the
 * sandbox created).
 */
final class Examples {

    /** The ids and URLs written in examples/, replaced by the sandbox's own. */
    static final String AUTH_URL = "http://127.0.0.1:8776/v3";
    static final String VOLUME_ID = "0b7c1e9a-5d43-4f8e-9a61-000000000001";
    static final String SNAPSHOT_ID = "9e8d2c41-7b1a-4c55-8f0e-000000000002";

    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "Secret", Secret.class,
            "PersistentVolumeClaim", PersistentVolumeClaim.class,
            "OpenStackSnapshot", OpenStackSnapshot.class,
            "SnapshotRestoration", SnapshotRestoration.class,
            "OpenStackSnapshotSchedule", OpenStackSnapshotSchedule.class);

    private final KubernetesClient client;
    private final Map<String, String> replacements;

    Examples(KubernetesClient client, Map<String, String> replacements) {
        this.client = client;
        this.replacements = replacements;
    }

    /** One applied object: which file it came from and what it is. */
    record Applied(String file, String kind, String namespace, String name) {
        @Override
        public String toString() {
            return "examples/" + file + ": " + kind + " " + namespace + "/" + name;
        }
    }

    /** Creates every object of every bundled example; fails on the first the API server refuses. */
    List<Applied> applyAll() {
        List<Applied> applied = new ArrayList<>();
        for (Map.Entry<String, String> file : Bundled.files("examples")) {
            String text = file.getValue();
            for (Map.Entry<String, String> r : replacements.entrySet()) {
                text = text.replace(r.getKey(), r.getValue());
            }
            for (JsonNode document : documents(file.getKey(), text)) {
                HasMetadata object = client.getKubernetesSerialization().convertValue(document,
                        KINDS.getOrDefault(document.path("kind").asText(), GenericKubernetesResource.class));
                try {
                    client.resource(object).create();
                } catch (RuntimeException e) {
                    throw new ScenarioFailure("examples/" + file.getKey() + " was refused: " + e.getMessage());
                }
                applied.add(new Applied(file.getKey(), object.getKind(), object.getMetadata().getNamespace(),
                        object.getMetadata().getName()));
            }
        }
        return applied;
    }

    private static List<JsonNode> documents(String file, String text) {
        List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> it = new YAMLMapper().readerFor(JsonNode.class).readValues(text)) {
            while (it.hasNext()) {
                JsonNode document = it.next();
                if (document != null && document.isObject() && !document.isEmpty()) {
                    documents.add(document);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("examples/" + file + " is not valid YAML", e);
        }
        return documents;
    }
}
