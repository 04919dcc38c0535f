package dev.openstack.snapshots.operator.flow;

import dev.openstack.snapshots.operator.adoption.CreateGuard;
import dev.openstack.snapshots.operator.adoption.OwnerMatch;
import dev.openstack.snapshots.operator.adoption.UnansweredCreates;
import dev.openstack.snapshots.operator.cinder.CinderException;
import dev.openstack.snapshots.operator.cinder.SendDeadline;
import dev.openstack.snapshots.operator.cinder.TransientCinderException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first step of the shared flow: links an object that has no backend id yet to its Cinder resource, adopting what
 * an earlier pass (or another operator process) made, or creating one - never two. Decided on the object as the API
 * server has it, not the informer's copy:
 * <ol>
 * <li>a resource that is wholly the object's (every owner tag and the parent, see {@link OwnerMatch}) is adopted,
 * the oldest if there are several; the others are duplicates, removed later;</li>
 * <li>else, while a create requested at T may still land ({@link CreateGuard}), nothing is created;</li>
 * <li>else "create requested now" is written with a compare-and-set and only once the API server confirmed it is
 * Cinder called; its answer is linked with a compare-and-set too.</li>
 * </ol>
 * The caller does nothing else in the pass that created (k-orc: record the id and stop).
 */
public final class CreateOrAdopt<R extends HasMetadata, B> {

    /** The status side of linking, per kind: reads, and compare-and-set writes of the id and of the create mark. */
    public interface Records<R, B> {

        /** The object as the API server has it now, or null when it is gone. */
        R fresh(R cached);

        /** The backend id in status, or null. */
        String linkedId(R object);

        /** Anything the kind resolves once before looking (a snapshot's source volume); the object to go on with. */
        default R prepare(R object) {
            return object;
        }

        /** status.createRequestedAt, or null. */
        Instant requestedAt(R object);

        /** Nothing is created while an unanswered create requested at {@code requested} may land until {@code until}. */
        void waitingForCreate(R object, Instant requested, Instant until);

        /** Writes "a create is requested at {@code at}" (compare-and-set); returns the copy written. */
        R markCreate(R object, Instant at);

        /** Clears the mark (compare-and-set): Cinder answered the create with an error, so it made nothing. */
        void clearMark(R marked);

        /**
         * Writes the link to {@code backend} (compare-and-set, clearing the mark); returns the copy written.
         *
         * @throws KubernetesClientException 409 when someone wrote the object since
         */
        R link(R object, B backend, boolean created);
    }

    /** What the pass achieved. */
    public sealed interface Link<R, B> {
    }

    /** Linked to {@code id}: {@code backend} was linked by this pass ({@code created} or adopted), or is null when the
     * object was found linked already. {@code object} is its latest copy. */
    public record Linked<R, B>(R object, String id, B backend, boolean created) implements Link<R, B> {
    }

    /** Nothing to link yet: look again after {@code delay}. */
    public record Waiting<R, B>(Duration delay) implements Link<R, B> {
    }

    private static final Logger LOG = LoggerFactory.getLogger(CreateOrAdopt.class);
    private static final Duration SHORTEST_WAIT = Duration.ofMillis(200);
    private static final int LINK_ATTEMPTS = 5;

    private final CreateGuard guard;
    private final Clock clock;
    private final RefusalReports refusals;
    private final UnansweredCreates unansweredCreates = new UnansweredCreates();

    public CreateOrAdopt(CreateGuard guard, Clock clock, RefusalReports refusals) {
        this.guard = guard;
        this.clock = clock;
        this.refusals = refusals;
    }

    public Link<R, B> linkOrCreate(R cached, Records<R, B> records, Actuator<R, B> actuator) {
        R object = records.fresh(cached);
        if (object == null || object.getMetadata().getDeletionTimestamp() != null) {
            return new Waiting<>(SHORTEST_WAIT); // gone or going: cleanup takes over
        }
        String linked = records.linkedId(object);
        if (linked != null) {
            return new Linked<>(object, linked, null, false);
        }
        object = records.prepare(object);
        Instant listedAt = clock.instant();
        OwnerMatch.Sorted<B> owned = actuator.findOwned(object);
        refusals.report(object, actuator.noun(), owned.refused());
        ResourceID id = ResourceID.fromResource(object);
        if (owned.hasOurs()) {
            unansweredCreates.forget(id);
            return link(object, owned.ours().get(0), false, records, actuator);
        }
        Instant requested = records.requestedAt(object);
        Optional<Instant> waitUntil = guard.mustWaitUntil(requested, listedAt);
        if (waitUntil.isPresent()) {
            records.waitingForCreate(object, requested, waitUntil.get());
            return new Waiting<>(guard.nextLookup(clock.instant(), waitUntil.get()));
        }
        unansweredCreates.requireSettled(id, id.toString());
        // Started before the mark is written: the guard's wait after T counts on the request leaving by then.
        SendDeadline sendBy = SendDeadline.within(CreateGuard.SEND_WITHIN);
        R marked = records.markCreate(object, clock.instant());
        B created;
        try {
            created = actuator.create(marked, sendBy);
        } catch (CinderException e) {
            if (e instanceof TransientCinderException t && t.httpStatus() == 0 && t.sent()) {
                unansweredCreates.noteFailure(id, t); // no answer: the mark stays, Cinder may still make it
            } else {
                clearMark(marked, records); // Cinder answered, or the request never left: it made nothing
            }
            throw e;
        }
        return link(marked, created, true, records, actuator);
    }

    /** The object is gone: forget its unanswered creates. */
    public void forget(ResourceID object) {
        unansweredCreates.forget(object);
    }

    /** Links {@code backend} with a compare-and-set, retried on fresh copies while the object has no backend id. */
    private Link<R, B> link(R object, B backend, boolean created, Records<R, B> records, Actuator<R, B> actuator) {
        R current = object;
        for (int attempt = 1; current != null; attempt++) {
            String linked = records.linkedId(current);
            if (linked != null) {
                LOG.info("{}/{}: {} {} not linked: already linked to {} (a duplicate)", current.getMetadata().getNamespace(),
                        current.getMetadata().getName(), actuator.noun(), actuator.idOf(backend), linked);
                return new Linked<>(current, linked, null, false);
            }
            try {
                return new Linked<>(records.link(current, backend, created), actuator.idOf(backend), backend, created);
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt >= LINK_ATTEMPTS) {
                    throw e; // the resource is tagged: the next pass adopts it
                }
                current = records.fresh(current);
            }
        }
        return new Waiting<>(SHORTEST_WAIT);
    }

    private void clearMark(R marked, Records<R, B> records) {
        try {
            records.clearMark(marked);
        } catch (KubernetesClientException e) {
            LOG.debug("{}/{}: create mark not cleared: {}", marked.getMetadata().getNamespace(),
                    marked.getMetadata().getName(), e.getMessage()); // costs one read timeout of waiting at most
        }
    }
}
