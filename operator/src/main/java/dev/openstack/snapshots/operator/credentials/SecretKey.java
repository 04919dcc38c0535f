package dev.openstack.snapshots.operator.credentials;

/** A clouds.yaml Secret as objects name it: a name in the object's own namespace. */
public record SecretKey(String namespace, String name) {

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
