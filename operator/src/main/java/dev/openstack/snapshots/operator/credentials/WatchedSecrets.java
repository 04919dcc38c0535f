package dev.openstack.snapshots.operator.credentials;

import dev.openstack.snapshots.operator.observation.ChangeListener;
import dev.openstack.snapshots.operator.observation.SecretSource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clouds.yaml Secrets the operator's objects name, and only those: one watch per referenced Secret, selected by
 * name ({@code fieldSelector=metadata.name=...}), opened when the first object names it and closed when the last
 * lets go - the way the kubelet watches the Secrets of its pods. So the cache holds the Secrets in use, however many
 * other Secrets the cluster has, and users need not label anything (GitOps and ExternalSecrets write the Secrets).
 * A change of a Secret's data, or its creation or deletion, triggers the objects that use it; our own finalizer
 * writes do not.
 */
public final class WatchedSecrets implements SecretSource, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WatchedSecrets.class);
    private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(30);

    /** The hold's own listener: the holds need no trigger, only the cache. */
    private static final ChangeListener NOBODY = owner -> { };

    private final KubernetesClient client;
    private final Map<SecretKey, Watched> watches = new ConcurrentHashMap<>();

    public WatchedSecrets(KubernetesClient client) {
        this.client = client;
    }

    /** {@code user} uses the Secret: watch it (if nobody does yet) and return it as the watch sees it. */
    public Optional<Secret> watch(SecretKey key, ResourceID user, ChangeListener listener) {
        Watched watched = watches.compute(key, (k, existing) -> {
            Watched w = existing != null ? existing : open(k);
            w.users.computeIfAbsent(user, u -> ConcurrentHashMap.newKeySet()).add(listener);
            return w;
        });
        return Optional.ofNullable(watched.informer.getStore().getByKey(key.namespace() + "/" + key.name()));
    }

    /** {@code user} no longer needs the Secret; the watch closes with its last user. */
    public void unwatch(SecretKey key, ResourceID user, ChangeListener listener) {
        watches.computeIfPresent(key, (k, w) -> {
            Set<ChangeListener> listeners = w.users.get(user);
            if (listeners != null) {
                listeners.remove(listener);
                if (listeners.isEmpty()) {
                    w.users.remove(user);
                }
            }
            if (!w.users.isEmpty()) {
                return w;
            }
            w.informer.close();
            return null;
        });
    }

    /**
     * The operator holds the Secret (its in-use finalizer): keep it watched for as long, whoever else watches it, so
     * that every read of it - a poll, a restoration whose snapshot is gone - comes from the watch's cache. Returns the
     * Secret as the watch sees it.
     */
    public Optional<Secret> watchWhileHeld(SecretKey key) {
        return watch(key, holder(key), NOBODY);
    }

    /** The hold on the Secret is gone: its watch closes unless an object still watches it. */
    public void unwatchHeld(SecretKey key) {
        unwatch(key, holder(key), NOBODY);
    }

    /**
     * The Secret from its watch when one is open, else read once from the API. Every Secret an object uses is held and
     * so watched; the read from the API is for a Secret nobody holds (a listing that runs after the last user let go).
     */
    @Override
    public Optional<Secret> secret(String namespace, String name) {
        Watched watched = watches.get(new SecretKey(namespace, name));
        if (watched != null) {
            return Optional.ofNullable(watched.informer.getStore().getByKey(namespace + "/" + name));
        }
        return Optional.ofNullable(client.secrets().inNamespace(namespace).withName(name).get());
    }

    /** How many Secrets are watched (and cached) now. */
    public int watchedCount() {
        return watches.size();
    }

    @Override
    public void close() {
        watches.values().forEach(w -> w.informer.close());
        watches.clear();
    }

    /** The user standing for the hold; a space makes it a name no Kubernetes object can have. */
    private static ResourceID holder(SecretKey key) {
        return new ResourceID("in-use finalizer of " + key.name(), key.namespace());
    }

    private Watched open(SecretKey key) {
        Watched watched = new Watched(key);
        SharedIndexInformer<Secret> informer = client.secrets().inNamespace(key.namespace()).withName(key.name())
                .runnableInformer(0);
        informer.addEventHandler(watched);
        watched.informer = informer;
        try {
            informer.start().toCompletableFuture().get(SYNC_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            informer.close();
            throw KubernetesClientException.launderThrowable(e);
        } catch (ExecutionException | TimeoutException e) {
            informer.close();
            throw KubernetesClientException.launderThrowable(e);
        }
        LOG.debug("{}: watching", key);
        return watched;
    }

    /** One watched Secret and the objects to trigger when it changes. */
    private static final class Watched implements ResourceEventHandler<Secret> {

        private final SecretKey key;
        private final Map<ResourceID, Set<ChangeListener>> users = new ConcurrentHashMap<>();
        private volatile SharedIndexInformer<Secret> informer;

        Watched(SecretKey key) {
            this.key = key;
        }

        @Override
        public void onAdd(Secret secret) {
            triggerAll();
        }

        @Override
        public void onUpdate(Secret before, Secret after) {
            boolean dataChanged = !Objects.equals(before.getData(), after.getData())
                    || !Objects.equals(before.getStringData(), after.getStringData());
            boolean deletionChanged = !Objects.equals(before.getMetadata().getDeletionTimestamp(),
                    after.getMetadata().getDeletionTimestamp());
            if (dataChanged || deletionChanged) { // not our own finalizer writes: nothing anyone reads changed
                triggerAll();
            }
        }

        @Override
        public void onDelete(Secret secret, boolean deletedFinalStateUnknown) {
            triggerAll();
        }

        private void triggerAll() {
            users.forEach((user, listeners) -> listeners.forEach(l -> l.changed(user)));
        }

        @Override
        public String toString() {
            return key.toString();
        }
    }
}
