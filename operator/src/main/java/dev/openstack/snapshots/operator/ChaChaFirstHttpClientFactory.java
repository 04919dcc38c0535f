package dev.openstack.snapshots.operator;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.http.TlsVersion;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.net.http.HttpClient;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * fabric8's JDK HTTP client, offering ChaCha20-Poly1305 before AES-GCM in its TLS handshakes with the API server.
 * The operator's JVM runs with C1 only ({@code -XX:TieredStopAtLevel=1} in config/manager/deployment.yaml, which
 * halves its CPU), and C1 has none of the JDK's AES and GHASH intrinsics: AES-GCM then decrypts at about 30 MB/s and
 * ChaCha20-Poly1305 at about 170 MB/s. Decrypting the API server's watch events and answers was a fifth of the
 * operator's CPU (docs/benchmarks.md). kube-apiserver, like any Go server, takes ChaCha20 when the client lists it
 * first; a server without it gets the AES suites as before. Every suite the JDK enables stays offered, only the order
 * changes.
 */
public final class ChaChaFirstHttpClientFactory extends JdkHttpClientFactory {

    private final String[] protocols;
    private final String[] cipherSuites;

    public ChaChaFirstHttpClientFactory(Config config) {
        SSLParameters defaults = jdkDefaults();
        TlsVersion[] versions = config.getTlsVersions();
        this.protocols = versions == null || versions.length == 0 ? defaults.getProtocols()
                : Arrays.stream(versions).map(TlsVersion::javaName).toArray(String[]::new);
        this.cipherSuites = chaChaFirst(defaults.getCipherSuites());
    }

    /** What every handshake offers: fabric8's protocols, the JDK's cipher suites with ChaCha20's first. */
    public SSLParameters parameters() {
        return new SSLParameters(cipherSuites.clone(), protocols.clone());
    }

    @Override
    protected void additionalConfig(HttpClient.Builder builder) {
        builder.sslParameters(parameters()); // called after fabric8 set the protocols alone; these carry the same
    }

    /** {@code suites} with the ChaCha20 ones first, each group in its original order. */
    static String[] chaChaFirst(String[] suites) {
        return Arrays.stream(suites).sorted(Comparator.comparing((String suite) -> !suite.contains("CHACHA20")))
                .toArray(String[]::new);
    }

    private static SSLParameters jdkDefaults() {
        try {
            return SSLContext.getDefault().getDefaultSSLParameters();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK offers no default TLS context", e);
        }
    }
}
