package dev.openstack.snapshots.operator;

import dev.openstack.snapshots.operator.cloud.OpenStackSettings;
import dev.openstack.snapshots.operator.duration.GoDuration;
import dev.openstack.snapshots.operator.observation.ObservationMode;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Every setting of the operator, in one immutable record. Each {@link Key} names its environment
 * variable, default and meaning, so the docs table is generated from {@link #KEYS}.
 *
 * @param watchNamespaces namespaces to watch; empty = all namespaces
 * @param fastPollInterval poll interval of a cloud while something it watches is transitional
 * @param slowPollInterval poll interval of a cloud while everything it watches is stable
 * @param pollPageSize snapshots (or volumes) per listing page
 * @param pollerThreads threads shared by all pollers
 * @param reconcileThreads concurrent reconciliations (and so at most this many concurrent OpenStack calls)
 * @param retryInitialInterval first backoff after a transient error
 * @param retryMaxInterval cap of the exponential backoff after transient errors
 * @param resyncInterval how often an object is reconciled without any event (safety net)
 * @param openStack timeouts, call limit and token renewal of every cloud connection
 * @param sharedOpenStackProject namespaces share one OpenStack project: sources only by PVC, no imports
 * @param observation listings of whole projects, or (the benchmark's baseline) a GET per watched resource
 */
public record OperatorSettings(
        Set<String> watchNamespaces,
        Duration fastPollInterval,
        Duration slowPollInterval,
        int pollPageSize,
        int pollerThreads,
        int reconcileThreads,
        Duration retryInitialInterval,
        Duration retryMaxInterval,
        Duration resyncInterval,
        OpenStackSettings openStack,
        boolean sharedOpenStackProject,
        ObservationMode observation) {

    /** One setting: its environment variable, default and meaning. */
    public record Key(String env, String defaultValue, String description) {
    }

    public static final Key WATCH_NAMESPACES = new Key("WATCH_NAMESPACES", "",
            "Comma-separated namespaces to watch; empty watches all namespaces.");
    public static final Key FAST_POLL_INTERVAL = new Key("FAST_POLL_INTERVAL", "2s",
            "Interval between two listings of a cloud's snapshots while one of them is transitional (creating, deleting...).");
    public static final Key SLOW_POLL_INTERVAL = new Key("SLOW_POLL_INTERVAL", "60s",
            "Interval between two listings of a cloud's snapshots while all of them are stable.");
    public static final Key POLL_PAGE_SIZE = new Key("POLL_PAGE_SIZE", "500",
            "Snapshots (or volumes) fetched per page when listing a cloud.");
    public static final Key POLLER_THREADS = new Key("POLLER_THREADS", "2",
            "Threads shared by all pollers.");
    public static final Key RECONCILE_THREADS = new Key("RECONCILE_THREADS", "10",
            "Concurrent reconciliations; bounds the concurrent OpenStack calls.");
    public static final Key RETRY_INITIAL_INTERVAL = new Key("RETRY_INITIAL_INTERVAL", "2s",
            "First backoff of an object after a transient error (5xx, 429, timeout); doubles on each failure.");
    public static final Key RETRY_MAX_INTERVAL = new Key("RETRY_MAX_INTERVAL", "5m",
            "Cap of the per-object backoff after transient errors.");
    public static final Key RESYNC_INTERVAL = new Key("RESYNC_INTERVAL", "10m",
            "Safety net: each object is reconciled at least this often even without events.");
    public static final Key OPENSTACK_CONNECT_TIMEOUT = new Key("OPENSTACK_CONNECT_TIMEOUT", "10s",
            "TCP connect timeout of every Keystone and Cinder call.");
    public static final Key OPENSTACK_READ_TIMEOUT = new Key("OPENSTACK_READ_TIMEOUT", "60s",
            "Longest wait for a Keystone or Cinder answer; a call that takes longer is a transient error.");
    public static final Key OPENSTACK_MAX_CONCURRENT_CALLS = new Key("OPENSTACK_MAX_CONCURRENT_CALLS", "8",
            "OpenStack calls in flight at once per cloud, across all controllers and pollers.");
    public static final Key OPENSTACK_TOKEN_REFRESH_MARGIN = new Key("OPENSTACK_TOKEN_REFRESH_MARGIN", "5m",
            "A Keystone token is renewed this long before it expires (at most 10% of its lifetime).");

    public static final Key SHARED_OPENSTACK_PROJECT = new Key("SHARED_OPENSTACK_PROJECT", "false",
            "true when several namespaces use credentials of one OpenStack project: OpenStackSnapshots may then only "
                    + "snapshot a bound cinder-csi PersistentVolumeClaim of their own namespace (sourceVolume.id and .name "
                    + "are refused) and imports (spec.backendID) are refused and never deleted. See docs/security.md.");
    public static final Key LEADER_ELECTION = new Key("LEADER_ELECTION", "true",
            "Only the holder of a Lease reconciles, so replicas never write twice; false turns it off (one process only).");
    public static final Key LEADER_ELECTION_LEASE_NAME = new Key("LEADER_ELECTION_LEASE_NAME",
            "openstack-snapshot-operator", "The Lease's name; each shard (Deployment) needs its own.");
    public static final Key OBSERVATION = new Key("OBSERVATION", "bulk",
            "How pollers learn Cinder's state: `bulk` lists each project page by page per interval; `per-object` GETs "
                    + "every watched snapshot per interval, as cinder-csi and ORC do (the benchmark's baseline; finds no "
                    + "duplicate snapshots).");
    public static final Key OPERATOR_NAMESPACE = new Key("OPERATOR_NAMESPACE", "",
            "Namespace of the Lease: the operator's own, from the downward API in the Deployment. Empty: the "
                    + "kubeconfig's namespace (`default` if it names none), for a jar run by hand.");
    public static final Key METRICS_PORT = new Key("METRICS_PORT", "8080",
            "Port of /metrics (Prometheus), /healthz (liveness) and /readyz (readiness).");

    public static final List<Key> KEYS = List.of(WATCH_NAMESPACES, FAST_POLL_INTERVAL, SLOW_POLL_INTERVAL,
            POLL_PAGE_SIZE, POLLER_THREADS, RECONCILE_THREADS, RETRY_INITIAL_INTERVAL, RETRY_MAX_INTERVAL,
            RESYNC_INTERVAL, OPENSTACK_CONNECT_TIMEOUT, OPENSTACK_READ_TIMEOUT, OPENSTACK_MAX_CONCURRENT_CALLS,
            OPENSTACK_TOKEN_REFRESH_MARGIN, SHARED_OPENSTACK_PROJECT, LEADER_ELECTION, LEADER_ELECTION_LEASE_NAME,
            OBSERVATION, OPERATOR_NAMESPACE, METRICS_PORT);

    public OperatorSettings {
        watchNamespaces = Set.copyOf(watchNamespaces);
        requirePositive(fastPollInterval, FAST_POLL_INTERVAL);
        requirePositive(slowPollInterval, SLOW_POLL_INTERVAL);
        requirePositive(retryInitialInterval, RETRY_INITIAL_INTERVAL);
        requirePositive(retryMaxInterval, RETRY_MAX_INTERVAL);
        requirePositive(resyncInterval, RESYNC_INTERVAL);
        if (pollPageSize < 1 || pollerThreads < 1 || reconcileThreads < 1) {
            throw new IllegalArgumentException("page size and thread counts must be at least 1");
        }
    }

    /** The defaults of every key. */
    public static OperatorSettings defaults() {
        return from(Map.of());
    }

    /** Settings from the process environment. */
    public static OperatorSettings fromEnvironment() {
        return from(System.getenv());
    }

    /** Settings from a map of environment variables; keys that are absent or blank take their default. */
    public static OperatorSettings from(Map<String, String> env) {
        Function<Key, String> value = key -> {
            String v = env.get(key.env());
            return v == null || v.isBlank() ? key.defaultValue() : v.trim();
        };
        return new OperatorSettings(
                namespaces(value.apply(WATCH_NAMESPACES)),
                duration(value.apply(FAST_POLL_INTERVAL), FAST_POLL_INTERVAL),
                duration(value.apply(SLOW_POLL_INTERVAL), SLOW_POLL_INTERVAL),
                integer(value.apply(POLL_PAGE_SIZE), POLL_PAGE_SIZE),
                integer(value.apply(POLLER_THREADS), POLLER_THREADS),
                integer(value.apply(RECONCILE_THREADS), RECONCILE_THREADS),
                duration(value.apply(RETRY_INITIAL_INTERVAL), RETRY_INITIAL_INTERVAL),
                duration(value.apply(RETRY_MAX_INTERVAL), RETRY_MAX_INTERVAL),
                duration(value.apply(RESYNC_INTERVAL), RESYNC_INTERVAL),
                new OpenStackSettings(
                        duration(value.apply(OPENSTACK_CONNECT_TIMEOUT), OPENSTACK_CONNECT_TIMEOUT),
                        duration(value.apply(OPENSTACK_READ_TIMEOUT), OPENSTACK_READ_TIMEOUT),
                        integer(value.apply(OPENSTACK_MAX_CONCURRENT_CALLS), OPENSTACK_MAX_CONCURRENT_CALLS),
                        duration(value.apply(OPENSTACK_TOKEN_REFRESH_MARGIN), OPENSTACK_TOKEN_REFRESH_MARGIN)),
                bool(value.apply(SHARED_OPENSTACK_PROJECT), SHARED_OPENSTACK_PROJECT),
                ObservationMode.parse(value.apply(OBSERVATION)));
    }

    /** The port of the monitoring server ({@link #METRICS_PORT}); 0 picks a free one. */
    public static int metricsPort(Map<String, String> env) {
        String value = env.getOrDefault(METRICS_PORT.env(), METRICS_PORT.defaultValue()).trim();
        try {
            return Integer.parseInt(value.isEmpty() ? METRICS_PORT.defaultValue() : value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(METRICS_PORT.env() + " must be a port number, not '" + value + "'");
        }
    }

    public boolean watchesAllNamespaces() {
        return watchNamespaces.isEmpty();
    }

    public OperatorSettings withPollIntervals(Duration fast, Duration slow) {
        return new OperatorSettings(watchNamespaces, fast, slow, pollPageSize, pollerThreads, reconcileThreads,
                retryInitialInterval, retryMaxInterval, resyncInterval, openStack, sharedOpenStackProject, observation);
    }

    public OperatorSettings withRetry(Duration initial, Duration max) {
        return new OperatorSettings(watchNamespaces, fastPollInterval, slowPollInterval, pollPageSize, pollerThreads,
                reconcileThreads, initial, max, resyncInterval, openStack, sharedOpenStackProject, observation);
    }

    public OperatorSettings withOpenStack(OpenStackSettings openStack) {
        return new OperatorSettings(watchNamespaces, fastPollInterval, slowPollInterval, pollPageSize, pollerThreads,
                reconcileThreads, retryInitialInterval, retryMaxInterval, resyncInterval, openStack, sharedOpenStackProject, observation);
    }

    public OperatorSettings withPollPageSize(int pageSize) {
        return new OperatorSettings(watchNamespaces, fastPollInterval, slowPollInterval, pageSize, pollerThreads,
                reconcileThreads, retryInitialInterval, retryMaxInterval, resyncInterval, openStack, sharedOpenStackProject, observation);
    }

    private static Set<String> namespaces(String value) {
        Set<String> result = new LinkedHashSet<>();
        Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(result::add);
        return result;
    }

    /**
     * The grammar of specs' durations ({@link GoDuration}: {@code 1h30m}, {@code 90s}, {@code 500ms}). ISO-8601
     * ({@code PT2S}) is still read, deprecated, so that settings written for earlier releases keep working.
     */
    static Duration duration(String value, Key key) {
        if (value.startsWith("P") || value.startsWith("p")) {
            try {
                return Duration.parse(value);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(key.env() + ": not an ISO-8601 duration: " + value
                        + " (use e.g. 1h30m, 90s or 500ms)");
            }
        }
        try {
            return GoDuration.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key.env() + ": " + e.getMessage());
        }
    }

    private static boolean bool(String value, Key key) {
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(key.env() + ": not true or false: " + value);
        };
    }

    /** With {@code SHARED_OPENSTACK_PROJECT} set to {@code shared}. */
    public OperatorSettings withSharedOpenStackProject(boolean shared) {
        return new OperatorSettings(watchNamespaces, fastPollInterval, slowPollInterval, pollPageSize, pollerThreads,
                reconcileThreads, retryInitialInterval, retryMaxInterval, resyncInterval, openStack, shared, observation);
    }

    private static int integer(String value, Key key) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key.env() + ": not an integer: " + value);
        }
    }

    private static void requirePositive(Duration d, Key key) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(key.env() + " must be positive");
        }
    }
}
