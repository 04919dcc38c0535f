package dev.openstack.snapshots.operator;

import io.fabric8.kubernetes.client.Config;

/**
 * The Kubernetes client configuration the operator runs with: fabric8's auto-configuration (in-cluster service
 * account, KUBECONFIG, ~/.kube/config), with one fix. fabric8 renews a token by re-reading the whole configuration
 * once a minute, and counts the minute from the last renewal that found a token. A configuration that authenticates
 * with a client certificate finds none, so after its first minute every request re-read and re-parsed the kubeconfig
 * (7 % of the operator's CPU samples in the benchmark). Such a configuration gets a token provider that has no token:
 * requests go out with the certificate alone and nothing is re-read. Service-account tokens, exec plugins and auth
 * providers keep fabric8's renewal.
 */
final class KubernetesConfig {

    private KubernetesConfig() {
    }

    static Config load() {
        return withoutTokenRenewalWhenThereIsNoToken(Config.autoConfigure(null));
    }

    static Config withoutTokenRenewalWhenThereIsNoToken(Config config) {
        boolean hasToken = config.getOauthToken() != null || config.getAutoOAuthToken() != null
                || config.getOauthTokenProvider() != null || config.getAuthProvider() != null;
        boolean hasCertificate = config.getClientCertData() != null || config.getClientCertFile() != null;
        if (!hasToken && hasCertificate) {
            config.setOauthTokenProvider(() -> null);
        }
        return config;
    }
}
