package dev.openstack.snapshots.sandbox;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real cluster named by a kubeconfig (e2e/kubernetes-on-loopback.sh, or any cluster where you may create CRDs,
 * namespaces and PVs), with the CRDs applied from crds/. There kube-controller-manager binds the claims.
 */
final class ClusterKubernetesApi implements KubernetesApi {

    private final Path kubeconfig;
    private final KubernetesClient client;

    ClusterKubernetesApi(Path kubeconfig) {
        this.kubeconfig = kubeconfig.toAbsolutePath();
        try {
            client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(kubeconfig))).build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the kubeconfig " + kubeconfig, e);
        }
        BundledCrds.apply(client, "sandbox");
    }

    @Override
    public KubernetesClient client() {
        return client;
    }

    @Override
    public String url() {
        return client.getConfiguration().getMasterUrl();
    }

    /** The kubeconfig given: kubectl takes the namespace from `-n`. */
    @Override
    public Path kubeconfig(String namespace) {
        return kubeconfig;
    }

    @Override
    public boolean bindsClaims() {
        return true;
    }

    @Override
    public void close() {
        client.close();
    }
}
