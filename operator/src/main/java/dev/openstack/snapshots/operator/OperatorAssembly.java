package dev.openstack.snapshots.operator;

import dev.openstack.snapshots.operator.adoption.CreateGuard;
import dev.openstack.snapshots.operator.cloud.Clouds;
import dev.openstack.snapshots.operator.credentials.SecretFinalizer;
import dev.openstack.snapshots.operator.credentials.SecretHolds;
import dev.openstack.snapshots.operator.credentials.WatchedSecrets;
import dev.openstack.snapshots.operator.observation.BulkObservation;
import dev.openstack.snapshots.operator.observation.CloudConnector;
import dev.openstack.snapshots.operator.restoration.SnapshotRestorationReconciler;
import dev.openstack.snapshots.operator.schedule.ScheduleReconciler;
import dev.openstack.snapshots.operator.snapshot.SnapshotReconciler;
import dev.openstack.snapshots.operator.source.SharedProjectRules;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.RegisteredController;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.api.reconciler.ResourceCache;
import io.javaoperatorsdk.operator.processing.Controller;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import io.javaoperatorsdk.operator.processing.retry.GenericRetry;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds the operator: one JOSDK {@link Operator} (no server-side apply for the primary resources, as
 * in tests) with every reconciler registered, and the shared bulk observation. Other kinds add one line
 * to {@link #start()}.
 */
public final class OperatorAssembly implements AutoCloseable {

    private final KubernetesClient kubernetes;
    private final Clock clock;
    private final OperatorSettings settings;
    private final BulkObservation observation;
    private final WatchedSecrets secrets;
    private final SecretHolds holds;
    private final Operator operator;
    private final Map<Class<?>, ResourceCache<?>> caches = new ConcurrentHashMap<>();

    private final InformerStops informerStops;

    public OperatorAssembly(KubernetesClient kubernetes, Clouds clouds, Clock clock, OperatorSettings settings) {
        this(kubernetes, clouds, clock, settings, Metrics.NOOP);
    }

    /** With JOSDK reconciliation metrics recorded in {@code metrics} (the main passes a Prometheus registry's). */
    public OperatorAssembly(KubernetesClient kubernetes, Clouds clouds, Clock clock, OperatorSettings settings,
            Metrics metrics) {
        this(kubernetes, clouds, clock, settings, metrics, Optional.empty());
    }

    /**
     * With leader election when {@code leaderElection} is present (the main's default): every process watches, only
     * the Lease holder reconciles.
     */
    public OperatorAssembly(KubernetesClient kubernetes, Clouds clouds, Clock clock, OperatorSettings settings,
            Metrics metrics, Optional<LeaderElectionConfiguration> leaderElection) {
        this.kubernetes = kubernetes;
        this.clock = clock;
        this.settings = settings;
        this.secrets = new WatchedSecrets(kubernetes);
        this.holds = new SecretHolds(new SecretFinalizer(kubernetes), secrets);
        CloudConnector connector = new CloudConnector(clouds, secrets);
        this.observation = new BulkObservation(connector, settings.fastPollInterval(), settings.slowPollInterval(),
                settings.pollPageSize(), settings.pollerThreads(), clock, settings.observation(),
                settings.openStack().maxConcurrentCalls());
        this.informerStops = new InformerStops(kubernetes);
        this.operator = new Operator(o -> {
            o.withKubernetesClient(kubernetes)
                    .withUseSSAToPatchPrimaryResource(false)
                    .withSSABasedCreateUpdateMatchForDependentResources(false)
                    .withConcurrentReconciliationThreads(settings.reconcileThreads())
                    .withCloseClientOnStop(false)
                    .withInformerStoppedHandler(informerStops)
                    .withMetrics(metrics);
            leaderElection.ifPresent(o::withLeaderElectionConfiguration);
        });
    }

    /** Registers the reconcilers and starts the operator. */
    public OperatorAssembly start() {
        keepCache(operator.register(snapshotReconciler(), this::configure));
        keepCache(operator.register(new ScheduleReconciler(kubernetes, clock, secrets, holds), this::configure));
        keepCache(operator.register(new SnapshotRestorationReconciler(kubernetes, observation, holds, clock,
                settings.fastPollInterval(), new CreateGuard(settings.openStack().readTimeout(), settings.openStack().connectTimeout())), this::configure));
        operator.start();
        return this;
    }

    /**
     * The primary cache of {@code kind}'s controller: what its reconciler reads, filled by JOSDK's informer. The
     * metrics count from it instead of watching every object a second time.
     */
    public <P extends HasMetadata> ResourceCache<P> cache(Class<P> kind) {
        ResourceCache<?> cache = caches.get(kind);
        if (cache == null) {
            throw new IllegalStateException("no controller of " + kind.getSimpleName() + " is registered");
        }
        @SuppressWarnings("unchecked") // keyed by the controller's own resource class
        ResourceCache<P> typed = (ResourceCache<P>) cache;
        return typed;
    }

    private <P extends HasMetadata> void keepCache(RegisteredController<P> registered) {
        // Operator.register hands back the Controller itself; its event source context holds the primary cache that
        // the reconciler reads (EventSourceContext.getPrimaryCache), which JOSDK offers no other way to reach.
        if (!(registered instanceof Controller<P> controller)) {
            throw new IllegalStateException("JOSDK registered " + registered.getClass().getName() + ", not a Controller");
        }
        caches.put(registered.getConfiguration().getResourceClass(), controller.eventSourceContext().getPrimaryCache());
    }

    /** A failed watch ends the process from now on, so that Kubernetes restarts it (the operator's own process). */
    public OperatorAssembly exitOnInformerFailure() {
        informerStops.exitOnFailure();
        return this;
    }

    public Operator operator() {
        return operator;
    }

    /** The pollers, shared by all kinds (restorations watch volumes through it). */
    public BulkObservation observation() {
        return observation;
    }

    /** The per-name watches of the clouds.yaml Secrets in use. */
    public WatchedSecrets secrets() {
        return secrets;
    }

    public Clock clock() {
        return clock;
    }

    public OperatorSettings settings() {
        return settings;
    }

    public KubernetesClient kubernetes() {
        return kubernetes;
    }

    /**
     * Common controller configuration: namespaces, per-object exponential backoff for transient errors,
     * and reconciliation on spec, annotation (pull, unlink), finalizer and deletion changes only, never
     * on our own status writes.
     */
    public <P extends HasMetadata> void configure(ControllerConfigurationOverrider<P> c) {
        if (settings.watchesAllNamespaces()) {
            c.watchingAllNamespaces();
        } else {
            c.settingNamespaces(settings.watchNamespaces());
        }
        c.withRetry(new GenericRetry().setInitialInterval(settings.retryInitialInterval().toMillis())
                .setIntervalMultiplier(2).setMaxInterval(settings.retryMaxInterval().toMillis()).withoutMaxAttempts());
        c.withGenerationAware(false);
        OnUpdateFilter<P> relevant = (newer, older) ->
                !Objects.equals(newer.getMetadata().getGeneration(), older.getMetadata().getGeneration())
                        || !Objects.equals(newer.getMetadata().getAnnotations(), older.getMetadata().getAnnotations())
                        || !Objects.equals(newer.getMetadata().getFinalizers(), older.getMetadata().getFinalizers())
                        || !Objects.equals(newer.getMetadata().getDeletionTimestamp(), older.getMetadata().getDeletionTimestamp());
        c.withOnUpdateFilter(relevant);
        c.withReconciliationMaxInterval(settings.resyncInterval());
    }

    private SnapshotReconciler snapshotReconciler() {
        return new SnapshotReconciler(kubernetes, observation, secrets, holds, clock, settings.resyncInterval(),
                new CreateGuard(settings.openStack().readTimeout(), settings.openStack().connectTimeout()), new SharedProjectRules(settings.sharedOpenStackProject()));
    }

    @Override
    public void close() {
        try {
            operator.stop();
        } finally {
            observation.close();
            secrets.close();
        }
    }
}
