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
 * Restores an OpenStackSnapshot into a new Cinder volume (the portal's "POST restore"). The restore
 * starts once the snapshot is Ready; deleting the object leaves the volume unless deletionPolicy is
 * Delete.
 */
@JsonClassDescription("Restores an OpenStackSnapshot of this namespace into a new Cinder volume. The restore starts once "
        + "the snapshot is Ready; deleting this object leaves the volume unless deletionPolicy is Delete.")
@Group(SnapshotRestoration.GROUP)
// Named, not derived: fabric8 derives the plural with regular expressions in every instance's constructor, which
// was 8 % of the operator's CPU (each watch event and answer makes one; docs/benchmarks.md).
@Plural("snapshotrestorations")
@Version("v1alpha1")
@ShortNames({"osrestore", "snaprestore"})
@Categories({"openstack", "snapshots"})
@AdditionalPrinterColumn(name = "Snapshot", jsonPath = ".spec.snapshotRef.name", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "State", jsonPath = ".status.state", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Volume", jsonPath = ".status.volumeID", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Runtime", jsonPath = ".status.volumeRuntimeState", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Size", jsonPath = ".status.volumeSizeMiB", type = AdditionalPrinterColumn.Type.INTEGER,
        getDescription = "Size in MiB")
@AdditionalPrinterColumn(name = "Claim", jsonPath = ".status.persistentVolumeClaimName", type = AdditionalPrinterColumn.Type.STRING,
        getDescription = "The PersistentVolumeClaim restored into (spec.persistentVolumeClaim)")
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
@AdditionalSelectableField(jsonPath = ".status.state")
public class SnapshotRestoration extends CustomResource<SnapshotRestorationSpec, SnapshotRestorationStatus>
        implements Namespaced {

    public static final String GROUP = "blockstorage.openstack.dev";
    public static final String FINALIZER = GROUP + "/finalizer";
    /**
     * Set by the operator to spec.snapshotRef.name, so that {@code kubectl get osrestore -l
     * blockstorage.openstack.dev/snapshot=<name>} lists the restorations of a snapshot.
     */
    public static final String SNAPSHOT_LABEL = GROUP + "/snapshot";

    /** Marked required for the CRD schema: every field that matters is in the spec, so an object without one is refused. */
    @Override
    @Required
    public SnapshotRestorationSpec getSpec() {
        return super.getSpec();
    }
}
