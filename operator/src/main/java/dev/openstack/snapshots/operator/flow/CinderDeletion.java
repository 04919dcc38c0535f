package dev.openstack.snapshots.operator.flow;

import dev.openstack.snapshots.operator.adoption.CreateGuard;
import dev.openstack.snapshots.operator.cinder.DeleteOutcome;
import dev.openstack.snapshots.operator.observation.Observed;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The deletion step of the shared flow, for an object whose Cinder resource is to go (deletionPolicy Delete): find
 * it - by the recorded id, else on the object as the API server has it, else by the owner tags, so that what a crash
 * created is not leaked - and delete it; once it is gone, every other resource that is wholly the object's goes too
 * (a create answered late by Cinder may have left a second one); while an unanswered create may still land
 * ({@link CreateGuard}) the object is not let go. NotFound counts as deleted. What happens around it (policies, the
 * Secret, status and events) is the kind's.
 */
public final class CinderDeletion<R extends HasMetadata, B> {

    /** The kind's side of a deletion. */
    public interface Records<R, B> {

        /** The object as the API server has it now, or null when it is gone. */
        R fresh(R cached);

        /** The backend id in status (or spec, for an import), or null. */
        String linkedId(R object);

        /** status.createRequestedAt, or null. */
        Instant requestedAt(R object);

        /** False when other resources tagged with the object's uid are not its to delete (an import). */
        boolean sweepsOwned(R object);

        /** What Cinder shows of {@code id} now. */
        Observed<B> look(R object, String id);

        /** {@code id} turned out to be gone already. */
        default void vanished(R object, String id) {
        }

        /** False for a state in which the kind does not send a delete (it waits, or reports). */
        default boolean mayDelete(B backend) {
            return true;
        }

        /** Nothing found, but an unanswered create may still land until {@code until}: say so. */
        void waitingForCreate(R object, Instant until);

        /** Cinder has {@code backend}; {@code deleteSent}: a delete was just accepted. Say where the deletion is. */
        void inCinder(R object, B backend, boolean deleteSent);
    }

    /** Where the deletion is. */
    public sealed interface Progress {
    }

    /** Cinder has nothing of the object any more; {@code lastId} was the last one seen (null: nothing was ever made). */
    public record Done(String lastId) implements Progress {
    }

    /** Look again after {@code delay}, or after the kind's own interval when empty. */
    public record Again(Optional<Duration> delay) implements Progress {
    }

    private static final Duration LEFTOVER_RECHECK = Duration.ofSeconds(1);

    private final CreateGuard guard;
    private final Clock clock;

    public CinderDeletion(CreateGuard guard, Clock clock) {
        this.guard = guard;
        this.clock = clock;
    }

    public Progress delete(R cached, Records<R, B> records, Actuator<R, B> actuator) {
        R object = cached;
        String id = records.linkedId(object);
        if (id == null) {
            // decide on the object as the API server has it: the informer's copy may predate a link or a mark
            R live = records.fresh(object);
            object = live == null ? object : live;
            id = records.linkedId(object);
        }
        Instant listedAt = clock.instant();
        R owner = object;
        Lazy<List<B>> owned = new Lazy<>(() -> records.sweepsOwned(owner) ? actuator.findOwned(owner).ours() : List.of());
        if (id == null) {
            id = owned.get().stream().findFirst().map(actuator::idOf).orElse(null);
        }
        Observed<B> seen = id == null ? Observed.absent() : records.look(object, id);
        if (!seen.isPresent()) {
            if (id != null) {
                records.vanished(object, id);
            }
            String gone = id;
            Optional<B> leftover = owned.get().stream().filter(b -> !actuator.idOf(b).equals(gone)).findFirst();
            if (leftover.isEmpty()) {
                Optional<Instant> wait = guard.mustWaitUntil(records.requestedAt(object), listedAt);
                if (wait.isPresent()) {
                    // a create whose answer never came may still be made by Cinder: letting go now would leak it
                    records.waitingForCreate(object, wait.get());
                    return new Again(Optional.of(guard.nextLookup(clock.instant(), wait.get())));
                }
                return new Done(gone);
            }
            id = actuator.idOf(leftover.get());
            seen = records.look(object, id);
            if (!seen.isPresent()) {
                return new Again(Optional.of(LEFTOVER_RECHECK));
            }
        }
        B backend = seen.value();
        boolean send = !actuator.isTransitional(backend) && records.mayDelete(backend);
        if (send && actuator.delete(object, id) == DeleteOutcome.ALREADY_GONE) {
            records.vanished(object, id);
            return new Done(id);
        }
        records.inCinder(object, backend, send);
        return new Again(Optional.empty());
    }

    /** Computed once, when first needed: the owner-tag lookup is a Cinder call. */
    private static final class Lazy<T> {
        private final java.util.function.Supplier<T> supplier;
        private T value;

        Lazy(java.util.function.Supplier<T> supplier) {
            this.supplier = supplier;
        }

        T get() {
            if (value == null) {
                value = supplier.get();
            }
            return value;
        }
    }
}
