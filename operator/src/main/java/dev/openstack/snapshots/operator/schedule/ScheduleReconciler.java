package dev.openstack.snapshots.operator.schedule;

import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotSchedule;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotScheduleStatus;
import dev.openstack.snapshots.operator.credentials.SecretHolds;
import dev.openstack.snapshots.operator.credentials.SecretKey;
import dev.openstack.snapshots.operator.credentials.WatchedSecrets;
import dev.openstack.snapshots.operator.events.TransitionEvents;
import dev.openstack.snapshots.operator.observation.ObservationEventSource;
import dev.openstack.snapshots.operator.status.StatusPatcher;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs OpenStackSnapshotSchedules: at each slot one OpenStackSnapshot per source, named after the slot so that a
 * restart or a second replica never makes two; prunes by maxCount; reports failing sources; reschedules itself for
 * the next slot. Everything it knows about past runs comes from its children and its status.
 */
@ControllerConfiguration(name = "openstacksnapshotschedule", finalizerName = OpenStackSnapshotSchedule.FINALIZER)
public class ScheduleReconciler implements Reconciler<OpenStackSnapshotSchedule>, Cleaner<OpenStackSnapshotSchedule> {

    static final String CHILDREN = "schedule-children";
    static final String CLAIMS = "schedule-claims";
    private static final String BY_SECRET = "by-secret";

    private final Clock clock;
    private final StatusPatcher<OpenStackSnapshotSchedule, OpenStackSnapshotScheduleStatus> statuses;
    private final ScheduleActions actions;
    private final TransitionEvents events;
    private final ScheduleStatusBuilder statusBuilder;
    private final WatchedSecrets secrets;
    private final SecretHolds holds;
    private final ObservationEventSource<OpenStackSnapshotSchedule> secretChanges =
            new ObservationEventSource<>("schedule-secrets");

    public ScheduleReconciler(KubernetesClient client, Clock clock, WatchedSecrets secrets, SecretHolds holds) {
        this.secrets = secrets;
        this.holds = holds;
        this.clock = clock;
        this.events = new TransitionEvents(client, clock);
        this.statuses = new StatusPatcher<>(client, OpenStackSnapshotSchedule.class, new ScheduleStatusRules(events));
        this.actions = new ScheduleActions(client, events);
        this.statusBuilder = new ScheduleStatusBuilder(clock);
    }

    @Override
    public List<EventSource<?, OpenStackSnapshotSchedule>> prepareEventSources(
            EventSourceContext<OpenStackSnapshotSchedule> context) {
        var children = new InformerEventSource<>(
                InformerEventSourceConfiguration.from(OpenStackSnapshot.class, OpenStackSnapshotSchedule.class)
                        .withName(CHILDREN)
                        .withLabelSelector(OpenStackSnapshotSchedule.SCHEDULE_LABEL)
                        .withSecondaryToPrimaryMapper(child -> ChildSnapshots.scheduleName(child)
                                .map(name -> Set.of(new ResourceID(name, child.getMetadata().getNamespace())))
                                .orElse(Set.of()))
                        .build(), context);
        var claims = new InformerEventSource<>(
                InformerEventSourceConfiguration.from(PersistentVolumeClaim.class, OpenStackSnapshotSchedule.class)
                        .withName(CLAIMS)
                        .withSecondaryToPrimaryMapper(claim -> context.getPrimaryCache()
                                .list(claim.getMetadata().getNamespace(),
                                        schedule -> ScheduleSources.selects(schedule.getSpec(), claim))
                                .map(ResourceID::fromResource)
                                .collect(Collectors.toSet()))
                        .build(), context);
        context.getPrimaryCache().addIndexer(BY_SECRET, schedule -> List.of(secretOf(schedule).toString()));
        holds.register(key -> context.getPrimaryCache().byIndex(BY_SECRET, key.toString()));
        return List.of(children, claims, secretChanges);
    }

    @Override
    public UpdateControl<OpenStackSnapshotSchedule> reconcile(OpenStackSnapshotSchedule schedule,
                                                              Context<OpenStackSnapshotSchedule> context) {
        Instant now = clock.instant();
        List<ScheduledChild> children = children(schedule, context);
        ScheduleHealth health = ScheduleHealth.of(children);
        ScheduleConfig config;
        try {
            config = ScheduleConfig.of(schedule.getSpec());
        } catch (InvalidScheduleException e) {
            return write(schedule, statusBuilder.invalid(schedule, e.getMessage(), health), Optional.empty());
        }
        SecretKey secretKey = secretOf(schedule);
        Optional<Secret> secret = secrets.watch(secretKey, ResourceID.fromResource(schedule), secretChanges);
        holds.hold(secretKey, secret);
        if (secret.isEmpty()) {
            // Children made now could never reach Cinder, and pruning would delete ones that need the Secret to go:
            // wait for the Secret (its watch triggers this schedule when it appears).
            return write(schedule, statusBuilder.invalid(schedule, "Secret " + secretKey
                    + " not found: no snapshot is taken or pruned until it exists", health), Optional.empty());
        }
        config.maxCount().ifPresent(max -> actions.prune(schedule, MaxCountPruning.select(children, max), max));
        RunPlanner.RunPlan plan = RunPlanner.plan(config.cron(), now, history(schedule, health), config.keepFor(),
                config.suspended());
        plan.slotToRun().ifPresent(slot -> actions.run(schedule, slot,
                ScheduleSources.resolve(schedule.getSpec(), claims(schedule, context)), config.keepFor()));
        return write(schedule, statusBuilder.scheduled(schedule, config, plan.slotToRun(), plan.nextSlot(), health),
                plan.nextSlot().map(next -> Duration.between(now, next)));
    }

    /** The schedule itself has nothing in Cinder (its snapshots are not owned by it): it only lets go of its Secret. */
    @Override
    public DeleteControl cleanup(OpenStackSnapshotSchedule schedule, Context<OpenStackSnapshotSchedule> context) {
        holds.release(secretOf(schedule), schedule);
        secrets.unwatch(secretOf(schedule), ResourceID.fromResource(schedule), secretChanges);
        return DeleteControl.defaultDelete();
    }

    private static SecretKey secretOf(OpenStackSnapshotSchedule schedule) {
        return new SecretKey(schedule.getMetadata().getNamespace(),
                schedule.getSpec().getCloudCredentialsRef().getSecretName());
    }

    @Override
    public ErrorStatusUpdateControl<OpenStackSnapshotSchedule> updateErrorStatus(
            OpenStackSnapshotSchedule schedule, Context<OpenStackSnapshotSchedule> context, Exception e) {
        OpenStackSnapshotScheduleStatus status =
                schedule.getStatus() == null ? new OpenStackSnapshotScheduleStatus() : schedule.getStatus();
        String message = "creating or pruning snapshots failed, retrying: " + e.getMessage();
        if (message.equals(status.getErrorMessage())) {
            return ErrorStatusUpdateControl.defaultErrorProcessing();
        }
        status.setErrorMessage(message);
        schedule.setStatus(status);
        return ErrorStatusUpdateControl.patchStatus(schedule);
    }

    /**
     * The shared patcher decides whether the status changed and announces the transition; JOSDK writes it (patchStatus),
     * because the next reconcile must read it back from JOSDK's cache: the run planner's history is in it.
     */
    private UpdateControl<OpenStackSnapshotSchedule> write(OpenStackSnapshotSchedule schedule,
                                                           OpenStackSnapshotScheduleStatus next,
                                                           Optional<Duration> wakeUpIn) {
        UpdateControl<OpenStackSnapshotSchedule> control = UpdateControl.noUpdate();
        if (statuses.changed(schedule.getStatus(), next)) {
            statuses.announce(schedule, schedule.getStatus(), next);
            schedule.setStatus(next);
            control = UpdateControl.patchStatus(schedule);
        }
        return wakeUpIn.map(control::rescheduleAfter).orElse(control);
    }

    @SuppressWarnings("unchecked")
    private static List<ScheduledChild> children(OpenStackSnapshotSchedule schedule,
                                                 Context<OpenStackSnapshotSchedule> context) {
        var source = (InformerEventSource<OpenStackSnapshot, OpenStackSnapshotSchedule>)
                context.eventSourceRetriever().getEventSourceFor(OpenStackSnapshot.class, CHILDREN);
        String name = schedule.getMetadata().getName();
        return source.list(schedule.getMetadata().getNamespace(),
                        child -> ChildSnapshots.scheduleName(child).map(name::equals).orElse(false))
                .map(ChildSnapshots::read)
                .flatMap(Optional::stream)
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static Stream<PersistentVolumeClaim> claims(OpenStackSnapshotSchedule schedule,
                                                                         Context<OpenStackSnapshotSchedule> context) {
        var source = (InformerEventSource<PersistentVolumeClaim, OpenStackSnapshotSchedule>)
                context.eventSourceRetriever().getEventSourceFor(PersistentVolumeClaim.class, CLAIMS);
        return source.list(schedule.getMetadata().getNamespace(), claim -> true);
    }

    /** The slot announced for this generation of the spec, the last slot run, and the newest child's slot. */
    private static RunPlanner.History history(OpenStackSnapshotSchedule schedule, ScheduleHealth health) {
        OpenStackSnapshotScheduleStatus status = schedule.getStatus();
        if (status == null) {
            return new RunPlanner.History(Optional.empty(), Optional.empty(), health.newestSlot());
        }
        boolean sameSpec = Objects.equals(status.getObservedGeneration(), schedule.getMetadata().getGeneration());
        Optional<Instant> announced = Optional.ofNullable(status.getNextScheduleTime()).filter(next -> sameSpec)
                .map(Instant::parse);
        return new RunPlanner.History(announced,
                Optional.ofNullable(status.getLastScheduleTime()).map(Instant::parse), health.newestSlot());
    }
}
