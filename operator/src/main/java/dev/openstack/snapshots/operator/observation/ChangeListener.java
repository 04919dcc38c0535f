package dev.openstack.snapshots.operator.observation;

import io.javaoperatorsdk.operator.processing.event.ResourceID;

/** Told when the backend view of something an object watches has changed. */
@FunctionalInterface
public interface ChangeListener {

    void changed(ResourceID owner);
}
