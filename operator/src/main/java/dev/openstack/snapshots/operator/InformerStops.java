package dev.openstack.snapshots.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.javaoperatorsdk.operator.api.config.InformerStoppedHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens when a watch stops for good. An informer that failed after it had synced leaves the operator blind, so
 * the process exits and Kubernetes restarts it (JOSDK's own rule). An informer stopped because our Kubernetes client
 * was closed is a shutdown, or a process killed in-JVM by the crash tests: JOSDK's default would call System.exit
 * there too and take down the whole JVM (it ended a CI run mid-suite), so that case is only logged.
 */
final class InformerStops implements InformerStoppedHandler {

    private static final Logger LOG = LoggerFactory.getLogger(InformerStops.class);

    private final KubernetesClient kubernetes;

    InformerStops(KubernetesClient kubernetes) {
        this.kubernetes = kubernetes;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public void onStop(SharedIndexInformer informer, Throwable ex) {
        if (ex == null || !informer.hasSynced()) {
            LOG.debug("informer {} stopped before it synced or without an error: {}", informer, ex == null ? "none" : ex);
        } else if (kubernetes.getHttpClient().isClosed()) {
            LOG.info("informer {} stopped: the Kubernetes client was closed", informer);
        } else {
            LOG.error("informer {} failed and the operator can no longer see its objects; exiting so that it is restarted: {}",
                    informer, ex.toString());
            System.exit(1);
        }
    }
}
