package dev.openstack.snapshots.operator.observation;

/** One project of one cloud, as a namespace reaches it: a clouds.yaml Secret and a cloud entry in it. */
public record CloudKey(String namespace, String secretName, String cloudName) {

    @Override
    public String toString() {
        return namespace + "/" + secretName + "#" + cloudName;
    }
}
