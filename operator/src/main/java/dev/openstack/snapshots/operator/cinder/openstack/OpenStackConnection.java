package dev.openstack.snapshots.operator.cinder.openstack;

import dev.openstack.snapshots.operator.cinder.CinderException;
import dev.openstack.snapshots.operator.cinder.TerminalCinderException;
import dev.openstack.snapshots.operator.cinder.SendDeadline;
import dev.openstack.snapshots.operator.cinder.TransientCinderException;
import dev.openstack.snapshots.operator.cloud.CloudConfigurationException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openstack4j.api.OSClient.OSClientV3;
import org.openstack4j.api.types.Facing;
import org.openstack4j.core.transport.ClientConstants;
import okhttp3.OkHttpClient;
import org.openstack4j.core.transport.Config;
import org.openstack4j.core.transport.HttpExecutorService;
import org.openstack4j.core.transport.internal.HttpExecutor;
import org.openstack4j.openstack.OSFactory;
import org.openstack4j.openstack.identity.v3.domain.KeystoneToken;

/**
 * Runs Cinder calls of one cloud on openstack4j. openstack4j keeps its session in a ThreadLocal, so a
 * client made on one thread is useless on another; instead every call makes its own client from the
 * shared token ({@code OSFactory.clientFromToken}), which is cheap (no Keystone round trip). The call
 * count per cloud is capped by a semaphore shared by all controllers. A 401 from Cinder drops the token
 * and the call is tried once more with a fresh one.
 */
final class OpenStackConnection {

    /**
     * The microversion, plus openstack4j's "this is an auth call" marker: should openstack4j-okhttp's
     * connector ever run our calls, the marker stops it from answering a 401 by re-authenticating with the
     * credentials stored in the token - which a token we issued has none of (it would fail with a status-0
     * NullPointerException that hides the 401). We re-authenticate ourselves (see {@link #call});
     * {@link OkHttpTransport} does not send the marker on the wire.
     */
    private static Map<String, String> headers(String microversion) {
        return Map.of(CinderMicroversion.HEADER, "volume " + microversion,
                ClientConstants.HEADER_OS4J_AUTH, "operator-reauthenticates");
    }

    private static final CinderCalls CALLS = new CinderCalls();

    private final String cloudName;
    private final TokenSource tokens;
    private final BlockStorageEndpoint endpoint;
    private final String region;
    private final Facing facing;
    private final Config config;
    private final Semaphore permits;
    private final CinderCallMetrics metrics;

    OpenStackConnection(String cloudName, TokenSource tokens, BlockStorageEndpoint endpoint, String region,
            String endpointInterface, Config config, OkHttpClient http, int maxConcurrentCalls, CinderCallMetrics metrics) {
        this.cloudName = cloudName;
        this.metrics = metrics;
        this.tokens = tokens;
        this.endpoint = endpoint;
        this.region = region;
        this.facing = Facing.value(endpointInterface);
        this.config = config.withEndpointURLResolver(endpoint);
        this.permits = new Semaphore(maxConcurrentCalls, true);
        OkHttpTransport.bind(this.config, http);
        String connector = HttpExecutor.create().getExecutorName();
        if (!OkHttpTransport.NAME.equals(connector)) {
            // ServiceLoader order decides; a repackaged jar could put openstack4j-okhttp's connector first.
            throw new IllegalStateException("openstack4j chose the HTTP connector '" + connector + "' instead of '"
                    + OkHttpTransport.NAME + "'; check META-INF/services/" + HttpExecutorService.class.getName());
        }
    }

    public String cloudName() {
        return cloudName;
    }

    <T> T call(CinderOperation operation, Function<CinderCalls, T> work) {
        return call(operation, CinderMicroversion.VERSION, SendDeadline.NONE, work);
    }

    /** A call that is not sent at all once {@code sendBy} has passed (a create its mark stands for). */
    <T> T call(CinderOperation operation, SendDeadline sendBy, Function<CinderCalls, T> work) {
        return call(operation, CinderMicroversion.VERSION, sendBy, work);
    }

    /** A call at another microversion than the pinned one; see {@link CinderMicroversion} for when. */
    <T> T call(CinderOperation operation, String microversion, Function<CinderCalls, T> work) {
        return call(operation, microversion, SendDeadline.NONE, work);
    }

    private <T> T call(CinderOperation operation, String microversion, SendDeadline sendBy,
            Function<CinderCalls, T> work) {
        long started = System.nanoTime();
        RuntimeException failure = null;
        try {
            return callWithPermit(operation.description(), microversion, sendBy, work);
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        } finally {
            metrics.record(cloudName, operation.label(), failure, Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private <T> T callWithPermit(String operation, String microversion, SendDeadline sendBy, Function<CinderCalls, T> work) {
        try {
            Duration left = sendBy.left();
            if (left == null) {
                permits.acquire();
            } else if (!permits.tryAcquire(left.toNanos(), TimeUnit.NANOSECONDS)) {
                throw TransientCinderException.notSent(operation + " on cloud '" + cloudName + "' not sent: no free OpenStack call"
                        + " slot in time (OPENSTACK_MAX_CONCURRENT_CALLS are busy)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw TransientCinderException.notSent(operation + " was interrupted while waiting for a free OpenStack call slot");
        }
        try {
            for (int attempt = 0; ; attempt++) {
                KeystoneToken token = tokens.token();
                // Fails with a CloudConfigurationException before any request when the catalog has no Cinder here.
                endpoint.resolve(token);
                OSClientV3 client = OSFactory.clientFromToken(token, facing, config);
                if (region != null) {
                    client.useRegion(region);
                }
                client.headers(headers(microversion));
                if (sendBy.passed()) {
                    throw TransientCinderException.notSent(operation + " on cloud '" + cloudName + "' not sent: getting a"
                            + " Keystone token took too long");
                }
                try {
                    return work.apply(CALLS);
                } catch (TerminalCinderException e) {
                    if (e.httpStatus() == 401 && attempt == 0) {
                        tokens.rejected(token);
                        continue;
                    }
                    throw e;
                } catch (CinderException e) {
                    throw e;
                } catch (RuntimeException e) {
                    if (e instanceof CloudConfigurationException) {
                        throw e;
                    }
                    throw CinderFailures.fromThrowable(e, operation + " on cloud '" + cloudName + "'");
                }
            }
        } finally {
            permits.release();
        }
    }
}
