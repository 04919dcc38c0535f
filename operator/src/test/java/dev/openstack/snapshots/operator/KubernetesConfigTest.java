package dev.openstack.snapshots.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.StandardHttpRequest;
import io.fabric8.kubernetes.client.utils.TokenRefreshInterceptor;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * fabric8 renews a token by re-reading the configuration once its minute has passed, and a configuration without a
 * token never restarts that minute: every later request re-read the kubeconfig. A request made "a minute later"
 * (the interceptor's last renewal at the epoch) shows whether the file is read again: a token written into it meanwhile
 * would be picked up.
 */
class KubernetesConfigTest {

    @TempDir
    Path dir;

    @Test
    void aCertificateKubeconfigIsNotReadAgainBeforeEveryRequest() throws IOException {
        Path kubeconfig = dir.resolve("config");
        Files.writeString(kubeconfig, kubeconfig("client-certificate-data: Y2VydA==\n      client-key-data: a2V5"));
        Config config = KubernetesConfig.withoutTokenRenewalWhenThereIsNoToken(Config.fromKubeconfig(null, kubeconfig.toFile()));
        Files.writeString(kubeconfig, kubeconfig("token: read-again"));

        assertNull(authorizationAfterTheRenewalMinute(config), "the kubeconfig was read again for a request");
    }

    @Test
    void aTokenKubeconfigKeepsFabric8sRenewal() throws IOException {
        Path kubeconfig = dir.resolve("config");
        Files.writeString(kubeconfig, kubeconfig("token: first"));
        Config config = KubernetesConfig.withoutTokenRenewalWhenThereIsNoToken(Config.fromKubeconfig(null, kubeconfig.toFile()));
        config.setOauthToken(null); // as in-cluster: the token came from a file, and is renewed from it
        config.setAutoOAuthToken("first");
        Files.writeString(kubeconfig, kubeconfig("token: renewed"));

        assertEquals("Bearer renewed", authorizationAfterTheRenewalMinute(config));
    }

    private static String authorizationAfterTheRenewalMinute(Config config) {
        TokenRefreshInterceptor interceptor = new TokenRefreshInterceptor(config, (HttpClient.Factory) null, Instant.EPOCH);
        StandardHttpRequest.Builder request = new StandardHttpRequest.Builder().uri(URI.create("https://127.0.0.1:6443/api"));
        interceptor.before(request, request.build(), null);
        return request.build().header("Authorization");
    }

    private static String kubeconfig(String user) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: c
                  cluster:
                    server: https://127.0.0.1:6443
                contexts:
                - name: c
                  context:
                    cluster: c
                    user: u
                current-context: c
                users:
                - name: u
                  user:
                      %s
                """.formatted(user);
    }
}
