package dev.openstack.snapshots.operator.cloud;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * How TLS servers of one cloud are trusted: the JVM's CAs, the Secret's {@code cacert} bundle, or - with
 * {@code verify: false} - anything. The last one accepts any certificate and host name, so a machine in
 * the middle can read the credentials; it exists for self-signed labs only.
 */
public record TlsTrust(X509TrustManager trustManager, SSLContext sslContext, HostnameVerifier hostnameVerifier, boolean verifying) {

    public static TlsTrust of(CloudSettings cloud) {
        try {
            if (!cloud.verifyTls()) {
                X509TrustManager trustAll = new TrustAll();
                return new TlsTrust(trustAll, context(trustAll), (host, session) -> true, false);
            }
            if (cloud.caCertificatePem() != null) {
                X509TrustManager bundle = fromPem(cloud.cloudName(), cloud.caCertificatePem());
                return new TlsTrust(bundle, context(bundle), null, true);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            X509TrustManager system = firstX509(factory.getTrustManagers());
            return new TlsTrust(system, context(system), null, true);
        } catch (GeneralSecurityException e) {
            throw new CloudConfigurationException("cloud '" + cloud.cloudName() + "': cannot set up TLS: " + e.getMessage());
        }
    }

    private static X509TrustManager fromPem(String cloud, String pem) throws GeneralSecurityException {
        Collection<? extends Certificate> certificates;
        try {
            certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new CloudConfigurationException("cloud '" + cloud + "': the Secret key 'cacert' holds no readable PEM certificate");
        }
        if (certificates.isEmpty()) {
            throw new CloudConfigurationException("cloud '" + cloud + "': the Secret key 'cacert' holds no PEM certificate");
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            store.load(null, null);
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException(e);
        }
        int i = 0;
        for (Certificate certificate : certificates) {
            store.setCertificateEntry("ca-" + i++, certificate);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return firstX509(factory.getTrustManagers());
    }

    private static X509TrustManager firstX509(TrustManager[] managers) throws GeneralSecurityException {
        for (TrustManager manager : managers) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("no X509TrustManager available");
    }

    private static SSLContext context(X509TrustManager trustManager) throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {trustManager}, new SecureRandom());
        return context;
    }

    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
