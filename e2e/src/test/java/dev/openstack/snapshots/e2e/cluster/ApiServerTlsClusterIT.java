package dev.openstack.snapshots.e2e.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.openstack.snapshots.operator.ChaChaFirstHttpClientFactory;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.internal.SSLUtils;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * kube-apiserver takes the cipher suite the operator's client offers first (ChaCha20-Poly1305, which the operator's
 * C1-only JVM decrypts about five times faster than AES-GCM): the server's choice, seen in the negotiated session.
 */
@ExtendWith(RealClusterCondition.class)
class ApiServerTlsClusterIT {

    @Test
    void theApiServerNegotiatesChaCha20WithTheOperatorsClient() throws Exception {
        Config config = Config.fromKubeconfig(Files.readString(RealCluster.fromEnvironment().orElseThrow().kubeconfig()));
        HttpClient client = HttpClient.newBuilder().sslContext(SSLUtils.sslContext(config))
                .sslParameters(new ChaChaFirstHttpClientFactory(config).parameters()).build();
        HttpResponse<String> version = client.send(HttpRequest.newBuilder(URI.create(config.getMasterUrl() + "version"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, version.statusCode(), version.body());
        assertEquals("TLS_CHACHA20_POLY1305_SHA256", version.sslSession().orElseThrow().getCipherSuite());
    }
}
