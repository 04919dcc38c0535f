package dev.openstack.snapshots.sandbox;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The CRDs of crds/ (inside the jar) applied to a real API server, as `kubectl apply --server-side -k config/crd`. */
final class BundledCrds {

    private BundledCrds() {
    }

    /** Server-side applies every CRD and waits until each is Established (served). */
    static void apply(KubernetesClient client, String fieldManager) {
        for (Map.Entry<String, String> file : Bundled.files("crds")) {
            CustomResourceDefinition crd = Serialization.unmarshal(file.getValue(), CustomResourceDefinition.class);
            client.resource(crd).fieldManager(fieldManager).forceConflicts().serverSideApply();
            client.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName())
                    .waitUntilCondition(c -> c.getStatus() != null && c.getStatus().getConditions() != null && c.getStatus().getConditions().stream()
                            .anyMatch(x -> "Established".equals(x.getType()) && "True".equals(x.getStatus())), 60, TimeUnit.SECONDS);
        }
    }
}
