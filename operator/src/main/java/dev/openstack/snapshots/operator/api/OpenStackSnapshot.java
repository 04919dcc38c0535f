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
 * An OpenStack Cinder volume snapshot as a Kubernetes object: creating it creates the Cinder snapshot,
 * editing it pushes name, description and metadata, deleting it deletes the Cinder snapshot (unless
 * deletionPolicy is Retain or the unlink annotation is set).
 */
@JsonClassDescription("An OpenStack Cinder volume snapshot as a Kubernetes object. Creating it creates the Cinder snapshot "
        + "(or adopts one named by spec.backendID); editing spec pushes name, description and metadata to "
        + "Cinder; deleting it deletes the Cinder snapshot unless deletionPolicy is Retain or the annotation "
        + "blockstorage.openstack.dev/unlink is \"true\". The annotation "
        + "blockstorage.openstack.dev/pull-requested-at (any new value) re-reads it from Cinder now.")
@Group(OpenStackSnapshot.GROUP)
// Named, not derived: fabric8 derives the plural with regular expressions in every instance's constructor, which
// was 8 % of the operator's CPU (each watch event and answer makes one; docs/benchmarks.md).
@Plural("openstacksnapshots")
@Version("v1alpha1")
@ShortNames({"osnap", "ossnap"})
@Categories({"openstack", "snapshots"})
@AdditionalPrinterColumn(name = "State", jsonPath = ".status.state", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Runtime", jsonPath = ".status.runtimeState", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Size", jsonPath = ".status.sizeMiB", type = AdditionalPrinterColumn.Type.INTEGER,
        getDescription = "Size in MiB")
@AdditionalPrinterColumn(name = "Source", jsonPath = ".status.sourceVolume.id", type = AdditionalPrinterColumn.Type.STRING)
// A string, not a date: kubectl renders a future date as <invalid>, and this one is usually in the future.
@AdditionalPrinterColumn(name = "Kept-Until", jsonPath = ".status.keptUntil", type = AdditionalPrinterColumn.Type.STRING,
        getDescription = "When retention deletes the snapshot (RFC 3339); empty: kept forever")
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
@AdditionalSelectableField(jsonPath = ".status.state")
@AdditionalSelectableField(jsonPath = ".status.runtimeState")
@AdditionalSelectableField(jsonPath = ".status.backendID")
@AdditionalSelectableField(jsonPath = ".spec.sourceVolume.id")
public class OpenStackSnapshot extends CustomResource<OpenStackSnapshotSpec, OpenStackSnapshotStatus> implements Namespaced {

    public static final String GROUP = "blockstorage.openstack.dev";
    public static final String FINALIZER = GROUP + "/finalizer";
    /** Any new value asks for an immediate re-read from Cinder; echoed in status.lastHandledPullAt. */
    public static final String PULL_ANNOTATION = GROUP + "/pull-requested-at";
    /** "true": on deletion, forget the object without calling Cinder, whatever its state. */
    public static final String UNLINK_ANNOTATION = GROUP + "/unlink";

    /** Marked required for the CRD schema: every field that matters is in the spec, so an object without one is refused. */
    @Override
    @Required
    public OpenStackSnapshotSpec getSpec() {
        return super.getSpec();
    }
}
