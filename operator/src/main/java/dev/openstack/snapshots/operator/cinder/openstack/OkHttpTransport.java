package dev.openstack.snapshots.operator.cinder.openstack;

import java.io.InputStream;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.openstack4j.api.exceptions.ConnectionException;
import org.openstack4j.connectors.okhttp.HttpResponseImpl;
import org.openstack4j.core.transport.ClientConstants;
import org.openstack4j.core.transport.Config;
import org.openstack4j.core.transport.HttpExecutorService;
import org.openstack4j.core.transport.HttpRequest;
import org.openstack4j.core.transport.HttpResponse;
import org.openstack4j.core.transport.ObjectMapperSingleton;

/**
 * openstack4j's HTTP connector for this operator, registered through {@code META-INF/services} and
 * found by openstack4j's ServiceLoader before the one of openstack4j-okhttp (whose response wrapper it
 * reuses). openstack4j-okhttp 3.12 cannot be used as it is, because:
 * <ul>
 *   <li>it passes a custom SSLContext with OkHttp's one-argument {@code sslSocketFactory}, which OkHttp 4
 *       refuses on JDK 9+ ({@code UnsupportedOperationException}) - so a {@code cacert} could never work;</li>
 *   <li>on a 401 it re-authenticates with the credentials stored in the token; a token from
 *       {@code clientFromToken} has none, and the call dies with a status-0 NullPointerException;</li>
 *   <li>it builds a new OkHttpClient and connection pool for every request (no keep-alive).</li>
 * </ul>
 * Here each openstack4j {@link Config} of a cloud is bound to one OkHttpClient (timeouts, trust) via
 * {@link #bind}; a Config nobody bound gets a client with its own timeouts and the JVM's trust.
 */
public final class OkHttpTransport implements HttpExecutorService {

    public static final String NAME = "openstack-snapshot-operator OkHttp transport";
    private static final Map<Config, OkHttpClient> CLIENTS = Collections.synchronizedMap(new WeakHashMap<>());
    private static final OkHttpClient BASE = new OkHttpClient();

    /** Makes every openstack4j call that carries {@code config} use {@code client}. */
    public static void bind(Config config, OkHttpClient client) {
        CLIENTS.put(config, client);
    }

    @Override
    public <R> HttpResponse execute(HttpRequest<R> request) {
        OkHttpClient client = client(request.getConfig());
        try {
            RequestBody body = body(request);
            Request.Builder builder = new Request.Builder().url(request.getUrl()).method(request.getMethod().name(), body);
            if (request.hasHeaders()) {
                request.getHeaders().forEach((name, value) -> {
                    if (!ClientConstants.HEADER_OS4J_AUTH.equals(name)) {
                        builder.addHeader(name, String.valueOf(value));
                    }
                });
            }
            return HttpResponseImpl.wrap(client.newCall(builder.build()).execute());
        } catch (Exception e) {
            throw new ConnectionException(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), 0, e);
        }
    }

    private static <R> RequestBody body(HttpRequest<R> request) throws Exception {
        Object entity = request.getEntity();
        if (entity instanceof InputStream stream) {
            return RequestBody.create(stream.readAllBytes(), MediaType.parse(request.getContentType()));
        }
        if (entity != null) {
            String json = ObjectMapperSingleton.getContext(entity.getClass()).writer().writeValueAsString(entity);
            return RequestBody.create(json, MediaType.parse(request.getContentType()));
        }
        if (request.hasJson()) {
            return RequestBody.create(request.getJson(), MediaType.parse(ClientConstants.CONTENT_TYPE_JSON));
        }
        return switch (request.getMethod()) {
            case POST, PUT, PATCH -> RequestBody.create(new byte[0], null);
            default -> null;
        };
    }

    private static OkHttpClient client(Config config) {
        if (config == null) {
            return BASE;
        }
        OkHttpClient bound = CLIENTS.get(config);
        if (bound != null) {
            return bound;
        }
        OkHttpClient.Builder builder = BASE.newBuilder();
        if (config.getConnectTimeout() > 0) {
            builder.connectTimeout(config.getConnectTimeout(), TimeUnit.MILLISECONDS);
        }
        if (config.getReadTimeout() > 0) {
            builder.readTimeout(config.getReadTimeout(), TimeUnit.MILLISECONDS);
        }
        return builder.build();
    }

    @Override
    public String getExecutorDisplayName() {
        return NAME;
    }
}
