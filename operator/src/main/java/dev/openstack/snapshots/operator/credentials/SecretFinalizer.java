package dev.openstack.snapshots.operator.credentials;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one write the operator makes to a Secret: adding or removing {@link #IN_USE} in metadata.finalizers. A JSON
 * patch that tests the resourceVersion it was computed from and touches only /metadata/finalizers, so it can never
 * change data, labels or another controller's finalizer; on a conflict it reads the Secret again and retries.
 */
public final class SecretFinalizer {

    /** Held on every clouds.yaml Secret that an object of the operator references. */
    public static final String IN_USE = "blockstorage.openstack.dev/in-use";

    private static final Logger LOG = LoggerFactory.getLogger(SecretFinalizer.class);
    private static final int ATTEMPTS = 5;

    private final KubernetesClient client;

    public SecretFinalizer(KubernetesClient client) {
        this.client = client;
    }

    public static boolean carries(Secret secret) {
        return secret.getMetadata().getFinalizers() != null && secret.getMetadata().getFinalizers().contains(IN_USE);
    }

    /**
     * Adds the finalizer unless the Secret is missing, already carries it, or is being deleted (the API server
     * refuses new finalizers then; its deletion waits for nobody of ours anyway).
     */
    public void add(SecretKey key) {
        change(key, true);
    }

    /** Removes the finalizer if the Secret carries it. */
    public void remove(SecretKey key) {
        change(key, false);
    }

    private void change(SecretKey key, boolean add) {
        for (int attempt = 1; ; attempt++) {
            Secret secret = client.secrets().inNamespace(key.namespace()).withName(key.name()).get();
            if (secret == null || carries(secret) == add
                    || (add && secret.getMetadata().getDeletionTimestamp() != null)) {
                return;
            }
            try {
                client.secrets().inNamespace(key.namespace()).withName(key.name())
                        .patch(PatchContext.of(PatchType.JSON), patch(secret, add));
                LOG.info("{}: {} finalizer {}", key, add ? "added" : "removed", IN_USE);
                return;
            } catch (KubernetesClientException e) {
                boolean raced = e.getCode() == 409 || e.getCode() == 422 || e.getCode() == 404;
                if (!raced || attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** test resourceVersion, then add to (or remove one index of) /metadata/finalizers. */
    static String patch(Secret secret, boolean add) {
        String version = "{\"op\":\"test\",\"path\":\"/metadata/resourceVersion\",\"value\":\""
                + secret.getMetadata().getResourceVersion() + "\"}";
        List<String> finalizers = secret.getMetadata().getFinalizers();
        String change;
        if (add) {
            change = finalizers == null || finalizers.isEmpty()
                    ? "{\"op\":\"add\",\"path\":\"/metadata/finalizers\",\"value\":[\"" + IN_USE + "\"]}"
                    : "{\"op\":\"add\",\"path\":\"/metadata/finalizers/-\",\"value\":\"" + IN_USE + "\"}";
        } else {
            change = "{\"op\":\"remove\",\"path\":\"/metadata/finalizers/" + finalizers.indexOf(IN_USE) + "\"}";
        }
        return "[" + version + "," + change + "]";
    }
}
