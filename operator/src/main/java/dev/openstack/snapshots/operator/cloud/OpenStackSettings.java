package dev.openstack.snapshots.operator.cloud;

import java.time.Duration;

/**
 * How the operator talks to every cloud.
 *
 * @param connectTimeout TCP connect timeout of Keystone and Cinder calls
 * @param readTimeout longest wait for a response (openstack4j's default connector has none: a hung
 *     Cinder would block a reconciler thread forever)
 * @param maxConcurrentCalls calls in flight per cloud at once, across all controllers
 * @param tokenRefreshMargin a token is renewed this long before it expires (at most 10% of its lifetime)
 */
public record OpenStackSettings(Duration connectTimeout, Duration readTimeout, int maxConcurrentCalls, Duration tokenRefreshMargin) {

    public static OpenStackSettings defaults() {
        return new OpenStackSettings(Duration.ofSeconds(10), Duration.ofSeconds(60), 8, Duration.ofMinutes(5));
    }

    public OpenStackSettings {
        if (maxConcurrentCalls < 1) {
            throw new IllegalArgumentException("maxConcurrentCalls must be at least 1");
        }
    }
}
