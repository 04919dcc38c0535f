package dev.openstack.snapshots.operator.cinder.openstack;

import dev.openstack.snapshots.operator.cinder.BlockStorage;
import dev.openstack.snapshots.operator.cloud.CloudSettings;
import dev.openstack.snapshots.operator.cloud.Clouds;
import dev.openstack.snapshots.operator.cloud.CloudsSecret;
import dev.openstack.snapshots.operator.cloud.OpenStackSettings;
import dev.openstack.snapshots.operator.cloud.TlsTrust;
import io.fabric8.kubernetes.api.model.Secret;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.openstack4j.core.transport.Config;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connected {@link BlockStorage} per (Secret uid + contents, cloud name): one Keystone token shared by all
 * threads, and one cap on concurrent calls. A Secret whose clouds.yaml or cacert changed drops the entries of its older
 * contents, so edited credentials take effect at once; a write that changes neither (the operator's own in-use
 * finalizer, a label) keeps the connection and its token.
 *
 * <p>Part of the adapter, not of {@code cloud}: it builds the openstack4j session (Keystone token, transport
 * configuration), so the arrow points from the adapter to the clouds.yaml settings and never back.
 */
public final class OpenStackClouds implements Clouds {

    private static final Logger LOG = LoggerFactory.getLogger(OpenStackClouds.class);

    private final OpenStackSettings settings;
    private final Clock clock;
    private final CinderCallMetrics metrics;
    private final Map<Key, BlockStorage> connections = new ConcurrentHashMap<>();

    public OpenStackClouds(OpenStackSettings settings, Clock clock) {
        this(settings, clock, CinderCallMetrics.none());
    }

    /** With every Cinder call counted per cloud and outcome in {@code metrics} (the main's Prometheus registry). */
    public OpenStackClouds(OpenStackSettings settings, Clock clock, CinderCallMetrics metrics) {
        this.settings = settings;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public BlockStorage blockStorage(Secret secret, String cloudName) {
        String uid = secret.getMetadata().getUid();
        String contents = CloudsSecret.contentDigest(secret);
        Key key = new Key(uid, contents, cloudName);
        BlockStorage existing = connections.get(key);
        if (existing != null) {
            return existing;
        }
        String where = "Secret " + secret.getMetadata().getNamespace() + "/" + secret.getMetadata().getName();
        CloudSettings cloud = CloudsSecret.settings(secret, cloudName);
        if (connections.keySet().removeIf(k -> k.secretUid() != null && k.secretUid().equals(uid)
                && !k.contents().equals(contents))) {
            LOG.info("{}: clouds.yaml or cacert changed (resourceVersion {}), dropped the connections of its older contents",
                    where, secret.getMetadata().getResourceVersion());
        }
        return connections.computeIfAbsent(key, k -> connect(cloud));
    }

    /** Connects without a Secret (tests, tools): the same as a Secret holding this clouds.yaml. */
    public BlockStorage connect(CloudSettings cloud) {
        TlsTrust trust = TlsTrust.of(cloud);
        OkHttpClient.Builder builder = new OkHttpClient.Builder()
                .connectTimeout(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .sslSocketFactory(trust.sslContext().getSocketFactory(), trust.trustManager());
        if (trust.hostnameVerifier() != null) {
            builder.hostnameVerifier(trust.hostnameVerifier());
        }
        OkHttpClient http = builder.build();
        KeystoneSession tokens = new KeystoneSession(cloud.cloudName(),
                new KeystoneClient(cloud, http), clock, settings.tokenRefreshMargin());
        // The SSLContext is always set, although OkHttpTransport uses the bound client's trust: it makes
        // every cloud's Config distinct (Config.equals compares it), so no two clouds share a binding.
        Config config = Config.newConfig()
                .withConnectionTimeout(Math.toIntExact(settings.connectTimeout().toMillis()))
                .withReadTimeout(Math.toIntExact(settings.readTimeout().toMillis()))
                .withSSLContext(trust.sslContext());
        BlockStorageEndpoint endpoint = new BlockStorageEndpoint(cloud.cloudName(), cloud.regionName(), cloud.endpointInterface());
        LOG.info("cloud {}: connecting to {} ({} auth, region {}, interface {})", cloud.cloudName(), cloud.authUrl(),
                cloud.credentials().authType(), cloud.regionName(), cloud.endpointInterface());
        return new OpenStackBlockStorage(new OpenStackConnection(cloud.cloudName(), tokens, endpoint, cloud.regionName(),
                cloud.endpointInterface(), config, http, settings.maxConcurrentCalls(), metrics));
    }

    private record Key(String secretUid, String contents, String cloudName) {
    }
}
