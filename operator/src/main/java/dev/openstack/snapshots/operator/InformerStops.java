package dev.openstack.snapshots.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.javaoperatorsdk.operator.api.config.InformerStoppedHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens when a watch stops for good. An informer that failed after it had synced leaves the operator blind: the
 * operator's own process then exits so that Kubernetes restarts it (JOSDK's rule, which {@link Main} asks for with
 * {@link #exitOnFailure()}). An operator embedded in another JVM (the sandbox, the tests) only logs it: JOSDK's default
 * called System.exit there and ended a CI run mid-suite, once when a crash test closed an in-JVM operator's client and
 * once when the mock server sent a broken websocket frame. A stop because our own client was closed is a shutdown (or
 * a simulated crash) and is never a failure.
 */
final class InformerStops implements InformerStoppedHandler {

    private static final Logger LOG = LoggerFactory.getLogger(InformerStops.class);

    private final KubernetesClient kubernetes;
    private volatile boolean exitProcess;

    InformerStops(KubernetesClient kubernetes) {
        this.kubernetes = kubernetes;
    }

    /** From now on a failed informer ends the process (exit status 1). */
    void exitOnFailure() {
        exitProcess = true;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public void onStop(SharedIndexInformer informer, Throwable ex) {
        if (ex == null || !informer.hasSynced()) {
            LOG.debug("informer {} stopped before it synced or without an error: {}", informer, ex == null ? "none" : ex);
        } else if (kubernetes.getHttpClient().isClosed()) {
            LOG.info("informer {} stopped: the Kubernetes client was closed", informer);
        } else if (exitProcess) {
            LOG.error("informer {} failed and the operator can no longer see its objects; exiting so that it is restarted: {}",
                    informer, ex.toString());
            System.exit(1);
        } else {
            LOG.error("informer {} failed and the operator can no longer see its objects (embedded: not exiting): {}",
                    informer, ex.toString());
        }
    }
}
