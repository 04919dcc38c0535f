package dev.openstack.snapshots.operator;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Leader election, on by default: of all the operator processes sharing a Lease only the holder reconciles, so a
 * second replica, a rolling update's overlap or a jar started by hand next to the Deployment never write twice. The
 * Lease lives in the operator's own namespace (OPERATOR_NAMESPACE, set from the downward API in
 * config/manager/deployment.yaml); a jar run by hand without it uses its kubeconfig's namespace, as kubectl would.
 *
 * @param enabled false only when LEADER_ELECTION=false
 * @param leaseName the Lease's name; shards (one Deployment each) need one each
 * @param leaseNamespace where the Lease is
 * @param identity this process's name in the Lease: unique even for two processes on one host
 */
public record LeaderElection(boolean enabled, String leaseName, String leaseNamespace, String identity) {

    /**
     * From the environment; {@code kubeconfigNamespace} is the client's namespace (kubeconfig context, or the pod's
     * service account namespace), null when it has none.
     */
    public static LeaderElection from(Map<String, String> env, String kubeconfigNamespace) {
        String enabled = value(env, OperatorSettings.LEADER_ELECTION);
        if (!enabled.equals("true") && !enabled.equals("false")) {
            throw new IllegalArgumentException(OperatorSettings.LEADER_ELECTION.env() + ": not true or false: " + enabled);
        }
        String namespace = value(env, OperatorSettings.OPERATOR_NAMESPACE);
        if (namespace.isEmpty()) {
            namespace = kubeconfigNamespace == null || kubeconfigNamespace.isBlank() ? "default" : kubeconfigNamespace;
        }
        String host = Optional.ofNullable(env.get("HOSTNAME")).filter(h -> !h.isBlank()).orElse("operator");
        return new LeaderElection(enabled.equals("true"), value(env, OperatorSettings.LEADER_ELECTION_LEASE_NAME),
                namespace, host + "-" + UUID.randomUUID().toString().substring(0, 8));
    }

    /**
     * JOSDK's configuration, absent when leader election is off; what happens when leading ends is {@code handover}'s
     * (JOSDK's own exit is off: see {@link LeaseHandover}).
     */
    public Optional<LeaderElectionConfiguration> configuration(LeaseHandover handover) {
        if (!enabled) {
            return Optional.empty();
        }
        // JOSDK's defaults: lease 15 s, renew deadline 10 s, retry 2 s.
        return Optional.of(LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(leaseName)
                .withLeaseNamespace(leaseNamespace).withIdentity(identity)
                .withExitOnStopLeading(false).withLeaderCallbacks(handover.callbacks()).build());
    }

    @Override
    public String toString() {
        return enabled ? "leader election on Lease " + leaseNamespace + "/" + leaseName + " as " + identity
                : "leader election off";
    }

    private static String value(Map<String, String> env, OperatorSettings.Key key) {
        String v = env.get(key.env());
        return v == null || v.isBlank() ? key.defaultValue() : v.trim();
    }
}
