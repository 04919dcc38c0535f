package dev.openstack.snapshots.sandbox;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;

/** The Kubernetes API the demo runs against: fabric8's mock server, or a real cluster named by a kubeconfig. */
interface KubernetesApi extends AutoCloseable {

    /** A client with the CRDs from crds/ installed. */
    KubernetesClient client();

    String url();

    /** A kubeconfig for kubectl against this API, {@code namespace} its default. */
    Path kubeconfig(String namespace);

    /** Whether kube-controller-manager's PV controller binds claims here (the mock has none). */
    boolean bindsClaims();

    @Override
    void close();
}
