package dev.openstack.snapshots.operator.snapshot;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers which objects failed terminally and under which inputs, so the same request is not sent
 * again until the spec (generation), the Secret (resourceVersion) or the pull annotation changes.
 * In memory on purpose: after a restart each failed object is tried once more, which is harmless.
 */
public final class TerminalFailures {

    /** The inputs a terminal failure depends on. */
    public record Inputs(Long generation, String secretResourceVersion, String pullRequestedAt) {
    }

    private final Map<ResourceID, Inputs> failed = new ConcurrentHashMap<>();

    public void remember(ResourceID id, Inputs inputs) {
        failed.put(id, inputs);
    }

    public boolean stillFailing(ResourceID id, Inputs inputs) {
        return inputs.equals(failed.get(id));
    }

    public void forget(ResourceID id) {
        failed.remove(id);
    }
}
