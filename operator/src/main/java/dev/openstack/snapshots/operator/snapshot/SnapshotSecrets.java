package dev.openstack.snapshots.operator.snapshot;

import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.cloud.CloudConfigurationException;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The clouds.yaml Secrets the snapshots reference, watched so that creating or fixing a Secret
 * re-triggers exactly the snapshots that name it.
 */
public final class SnapshotSecrets {

    private static final String INDEX = "cloud-credentials-secret";

    private volatile InformerEventSource<Secret, OpenStackSnapshot> informer;

    public InformerEventSource<Secret, OpenStackSnapshot> eventSource(EventSourceContext<OpenStackSnapshot> context) {
        context.getPrimaryCache().addIndexer(INDEX, s -> List.of(indexKey(s.getMetadata().getNamespace(),
                s.getSpec().getCloudCredentialsRef().getSecretName())));
        var configuration = InformerEventSourceConfiguration.from(Secret.class, OpenStackSnapshot.class)
                .withName("snapshot-secrets")
                .withSecondaryToPrimaryMapper((Secret secret) -> context.getPrimaryCache()
                        .byIndex(INDEX, indexKey(secret.getMetadata().getNamespace(), secret.getMetadata().getName()))
                        .stream().map(ResourceID::fromResource).collect(Collectors.toSet()))
                .withNamespacesInheritedFromController()
                .build();
        informer = new InformerEventSource<>(configuration, context);
        return informer;
    }

    public Optional<Secret> secretOf(OpenStackSnapshot snapshot) {
        var source = informer;
        if (source == null) {
            return Optional.empty();
        }
        return source.get(new ResourceID(snapshot.getSpec().getCloudCredentialsRef().getSecretName(),
                snapshot.getMetadata().getNamespace()));
    }

    /** @throws CloudConfigurationException naming the missing Secret */
    public Secret require(OpenStackSnapshot snapshot, Secret secret) {
        if (secret == null) {
            throw new CloudConfigurationException("Secret " + snapshot.getMetadata().getNamespace() + "/"
                    + snapshot.getSpec().getCloudCredentialsRef().getSecretName() + " not found");
        }
        return secret;
    }

    private static String indexKey(String namespace, String name) {
        return namespace + "/" + name;
    }
}
