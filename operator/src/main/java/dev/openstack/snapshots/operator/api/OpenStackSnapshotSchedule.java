package dev.openstack.snapshots.operator.api;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.AdditionalSelectableField;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Periodic OpenStackSnapshots with retention. The snapshots it creates are not owned by it: deleting the schedule
 * keeps them (they still expire by their keptUntil).
 */
@JsonClassDescription("Creates OpenStackSnapshots of one volume or of every selected PVC on a cron schedule, with "
        + "retention (keepFor, maxCount). Deleting the schedule keeps the snapshots it made; they still expire.")
@Group(OpenStackSnapshotSchedule.GROUP)
// Named, not derived: fabric8 derives the plural with regular expressions in every instance's constructor, which
// was 8 % of the operator's CPU (each watch event and answer makes one; docs/benchmarks.md).
@Plural("openstacksnapshotschedules")
@Version("v1alpha1")
@ShortNames("ossched")
@Categories({"openstack", "snapshots"})
@AdditionalPrinterColumn(name = "Schedule", jsonPath = ".spec.schedule", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Suspend", jsonPath = ".spec.suspend", type = AdditionalPrinterColumn.Type.BOOLEAN)
@AdditionalPrinterColumn(name = "Last", jsonPath = ".status.lastScheduleTime", type = AdditionalPrinterColumn.Type.DATE)
// A string, not a date: kubectl renders a future date as <invalid>, and the next run is always in the future.
@AdditionalPrinterColumn(name = "Next", jsonPath = ".status.nextScheduleTime", type = AdditionalPrinterColumn.Type.STRING,
        getDescription = "The next run (RFC 3339)")
@AdditionalPrinterColumn(name = "Count", jsonPath = ".status.snapshotCount", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
@AdditionalSelectableField(jsonPath = ".status.state")
public class OpenStackSnapshotSchedule
        extends CustomResource<OpenStackSnapshotScheduleSpec, OpenStackSnapshotScheduleStatus> implements Namespaced {

    public static final String GROUP = "blockstorage.openstack.dev";
    /** Held until the schedule has let go of its clouds.yaml Secret. */
    public static final String FINALIZER = GROUP + "/finalizer";
    /** On each created OpenStackSnapshot: the schedule's name (shortened with a hash if longer than 63). */
    public static final String SCHEDULE_LABEL = GROUP + "/schedule";
    /** On each created OpenStackSnapshot: its source (PVC name, volume name or id; shortened if needed). */
    public static final String SOURCE_LABEL = GROUP + "/schedule-source";
    /** On each created OpenStackSnapshot: the schedule's full name, to find the schedule from a snapshot. */
    public static final String SCHEDULE_ANNOTATION = GROUP + "/schedule";
    /** On each created OpenStackSnapshot: its slot, the cron fire time it was made for (RFC 3339, UTC). */
    public static final String SLOT_ANNOTATION = GROUP + "/scheduled-at";

    /** Marked required for the CRD schema: every field that matters is in the spec, so an object without one is refused. */
    @Override
    @Required
    public OpenStackSnapshotScheduleSpec getSpec() {
        return super.getSpec();
    }
}
