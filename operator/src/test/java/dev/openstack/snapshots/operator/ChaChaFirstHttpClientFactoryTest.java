package dev.openstack.snapshots.operator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What the operator's Kubernetes client offers in its TLS handshake, read from the ClientHello it sends. */
class ChaChaFirstHttpClientFactoryTest {

    private static final int TLS_AES_128_GCM_SHA256 = 0x1301;
    private static final int TLS_CHACHA20_POLY1305_SHA256 = 0x1303;

    @Test
    void theKubernetesClientOffersChaCha20FirstAndStillOffersAesGcm() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<List<Integer>> offered = CompletableFuture.supplyAsync(() -> firstClientHello(server));
            Config config = new ConfigBuilder().withMasterUrl("https://127.0.0.1:" + server.getLocalPort())
                    .withTrustCerts(true).withRequestRetryBackoffLimit(0).build();
            try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config)
                    .withHttpClientFactory(new ChaChaFirstHttpClientFactory(config)).build()) {
                CompletableFuture.runAsync(() -> client.getKubernetesVersion()); // fails: the server only listens
                List<Integer> suites = offered.get(30, TimeUnit.SECONDS);
                assertEquals(TLS_CHACHA20_POLY1305_SHA256, suites.get(0), "first suite offered: " + hex(suites));
                assertTrue(suites.contains(TLS_AES_128_GCM_SHA256), "AES-GCM still offered: " + hex(suites));
            }
        }
    }

    @Test
    void onlyTheOrderChanges() {
        String[] suites = {"TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256",
                "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"};
        assertArrayEquals(new String[] {"TLS_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
                "TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"},
                ChaChaFirstHttpClientFactory.chaChaFirst(suites));
    }

    /** The cipher suites of the first ClientHello that reaches {@code server}, in the client's order. */
    private static List<Integer> firstClientHello(ServerSocket server) {
        try (Socket socket = server.accept(); DataInputStream in = new DataInputStream(socket.getInputStream())) {
            assertEquals(0x16, in.readUnsignedByte(), "a TLS handshake record");
            in.skipNBytes(2 + 2); // record version, record length
            assertEquals(1, in.readUnsignedByte(), "a ClientHello");
            in.skipNBytes(3 + 2 + 32); // handshake length, client version, random
            in.skipNBytes(in.readUnsignedByte()); // session id
            int length = in.readUnsignedShort();
            List<Integer> suites = new ArrayList<>();
            for (int i = 0; i < length / 2; i++) {
                suites.add(in.readUnsignedShort());
            }
            return suites;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> hex(List<Integer> suites) {
        return suites.stream().map(s -> String.format("0x%04x", s)).toList();
    }
}
