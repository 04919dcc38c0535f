package dev.openstack.snapshots.operator.credentials;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * Keeps {@link SecretFinalizer#IN_USE} on a clouds.yaml Secret while any object of the operator (snapshot,
 * restoration, schedule) uses it, so the Secret outlives the objects that need it to clean Cinder up: deleting a
 * namespace deletes its Secret and its objects in no particular order, and the Secret now waits for the objects.
 * <p>
 * Who uses a Secret is read from the controllers' own caches ({@link #register}), not counted in memory, so a
 * restart knows it at once. Holding and letting go of one Secret are serialized; an object that has let go is not
 * counted again while its own finalizer is being removed, so two objects leaving at once never both leave the
 * Secret held. An object lets go just before its own finalizer goes (after its Cinder work is done).
 */
public final class SecretHolds {

    private static final int PRUNE_EVERY = 256;

    /** The objects of one kind that use a Secret, from that controller's cache. */
    @FunctionalInterface
    public interface Users {
        Collection<? extends HasMetadata> of(SecretKey key);
    }

    private final SecretFinalizer finalizer;
    private final WatchedSecrets secrets;
    private final List<Users> users = new CopyOnWriteArrayList<>();
    private final Map<SecretKey, Object> locks = new ConcurrentHashMap<>();
    /** Objects (kind/uid) that let go of a Secret, until they leave the caches. */
    private final Map<SecretKey, Set<String>> released = new ConcurrentHashMap<>();
    /** Secrets whose finalizer we removed: a watch cache may still show it, so the next hold writes it again. */
    private final Set<SecretKey> removed = ConcurrentHashMap.newKeySet();

    public SecretHolds(SecretFinalizer finalizer, WatchedSecrets secrets) {
        this.finalizer = finalizer;
        this.secrets = secrets;
    }

    /** A controller tells where its objects' Secret references are (an index of its primary cache). */
    public void register(Users kind) {
        users.add(kind);
    }

    /**
     * An object uses the Secret: make sure it carries the finalizer (no write when it does already), and keep the
     * Secret watched while it is held, so that nothing reads it from the API again until it is let go.
     */
    public void hold(SecretKey key, Optional<Secret> known) {
        synchronized (lock(key)) {
            Optional<Secret> watched = secrets.watchWhileHeld(key);
            Optional<Secret> secret = known.isPresent() ? known : watched;
            if (secret.isEmpty() || secret.get().getMetadata().getDeletionTimestamp() != null) {
                return;
            }
            if (!SecretFinalizer.carries(secret.get()) || removed.contains(key)) {
                finalizer.add(key);
                removed.remove(key);
            }
        }
    }

    /**
     * {@code object} has nothing left to do with the Secret (its Cinder work is done or was never needed): remove
     * the finalizer unless another object still uses the Secret.
     */
    public void release(SecretKey key, HasMetadata object) {
        synchronized (lock(key)) {
            Set<String> gone = released.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet());
            gone.add(identity(object));
            // Stops at the first object still using it: cheap while a whole namespace is being deleted.
            boolean stillUsed = users.stream().flatMap(u -> u.of(key).stream())
                    .anyMatch(o -> !gone.contains(identity(o)));
            if (!stillUsed) {
                finalizer.remove(key);
                removed.add(key);
                secrets.unwatchHeld(key);
            }
            if (gone.size() % PRUNE_EVERY == 0) { // forget objects that have left the caches, now and then
                Set<String> present = users.stream().flatMap(u -> u.of(key).stream())
                        .map(SecretHolds::identity).collect(Collectors.toSet());
                gone.removeIf(id -> !present.contains(id) && !id.equals(identity(object)));
            }
        }
    }

    /** True once {@code object} let go of the Secret: a retried cleanup must not need the Secret again. */
    public boolean released(SecretKey key, HasMetadata object) {
        Set<String> gone = released.get(key);
        return gone != null && gone.contains(identity(object));
    }

    /** Kind and uid: uids are unique per cluster, but a test server may number each kind on its own. */
    private static String identity(HasMetadata object) {
        return object.getClass().getSimpleName() + "/" + object.getMetadata().getUid();
    }

    private Object lock(SecretKey key) {
        return locks.computeIfAbsent(key, k -> new Object());
    }
}
