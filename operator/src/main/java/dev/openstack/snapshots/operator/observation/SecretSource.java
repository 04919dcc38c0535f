package dev.openstack.snapshots.operator.observation;

import io.fabric8.kubernetes.api.model.Secret;
import java.util.Optional;

/** Where clouds.yaml Secrets come from (the Kubernetes API, or an informer's cache). */
@FunctionalInterface
public interface SecretSource {

    Optional<Secret> secret(String namespace, String name);
}
