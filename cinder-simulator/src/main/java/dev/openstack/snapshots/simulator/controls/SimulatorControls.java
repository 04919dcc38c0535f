package dev.openstack.snapshots.simulator.controls;

import dev.openstack.snapshots.simulator.faults.FaultPlan;
import dev.openstack.snapshots.simulator.faults.FaultRule;
import dev.openstack.snapshots.simulator.faults.RequestCounters;
import dev.openstack.snapshots.simulator.faults.RequestLog;
import dev.openstack.snapshots.simulator.faults.Transitions;
import dev.openstack.snapshots.simulator.keystone.TokenRegistry;
import dev.openstack.snapshots.simulator.store.BlockStore;
import dev.openstack.snapshots.simulator.store.Quotas;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The test controls, from Java. {@code /_sim/} offers the same over HTTP. */
public final class SimulatorControls {

    private final FaultPlan faults;
    private final RequestCounters counters;
    private final RequestLog log;
    private final Transitions transitions;
    private final Quotas quotas;
    private final BlockStore store;
    private final TokenRegistry tokens;
    private final String projectId;
    private final Duration configuredDelay;

    public SimulatorControls(FaultPlan faults, RequestCounters counters, RequestLog log, Transitions transitions,
                             Quotas quotas, BlockStore store, TokenRegistry tokens, String projectId, Duration configuredDelay) {
        this.faults = faults;
        this.counters = counters;
        this.log = log;
        this.transitions = transitions;
        this.quotas = quotas;
        this.store = store;
        this.tokens = tokens;
        this.projectId = projectId;
        this.configuredDelay = configuredDelay;
    }

    public SimulatorControls addFault(FaultRule rule) {
        faults.add(rule);
        return this;
    }

    public List<FaultRule> pendingFaults() {
        return faults.pending();
    }

    public void clearFaults() {
        faults.clear();
    }

    public long count(String operation) {
        return counters.get(operation);
    }

    public Map<String, Long> counters() {
        return counters.snapshot();
    }

    /** Cinder and Keystone calls entered and not yet answered. */
    public int inFlight() {
        return counters.inFlight();
    }

    /** Every token Keystone has issued, so that tests can look for them where they must not be. */
    public List<String> issuedTokens() {
        return tokens.issuedIds();
    }

    /**
     * When each call of {@code operation} addressed to one resource arrived (e.g. {@code snapshot.delete}: which
     * snapshot, at what instant of the simulator's clock), oldest first. Cleared with the counters.
     */
    public List<RequestLog.Entry> requestLog(String operation) {
        return log.entries(operation);
    }

    public void resetCounters() {
        counters.reset();
        log.clear();
    }

    /** Delay of {@code snapshot.create}, {@code snapshot.delete}, {@code volume.create} or {@code volume.delete}. */
    public void setTransitionDelay(String operation, Duration delay) {
        transitions.setDelay(operation, delay);
    }

    public void setDefaultTransitionDelay(Duration delay) {
        transitions.setDefaultDelay(delay);
    }

    public Duration transitionDelay(String operation) {
        return transitions.delay(operation);
    }

    /** Quota limits of the simulated project; keys as in Cinder's quota set (volumes, snapshots, gigabytes, ...). */
    public void setQuotas(Map<String, Integer> limits) {
        for (String k : limits.keySet()) {
            if (!quotas.isKnown(k)) {
                throw new IllegalArgumentException("unknown quota '" + k + "'");
            }
        }
        quotas.set(projectId, limits);
    }

    public Map<String, Integer> quotas() {
        return quotas.limits(projectId);
    }

    /** Every token issued so far becomes expired: the next Cinder call answers 401. */
    public void expireTokens() {
        tokens.expireAll();
    }

    public void setTokenLifetime(Duration lifetime) {
        tokens.setLifetime(lifetime);
    }

    public Map<String, Object> state() {
        return store.read(() -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("volumes", store.volumes().size());
            m.put("snapshots", store.snapshots().size());
            m.put("gigabytes", store.gigabytes());
            return m;
        });
    }

    /** Back to a fresh start: no volumes, snapshots, faults, counters, delay overrides or quota overrides. Tokens stay valid. */
    public void reset() {
        store.write(store::clear);
        faults.clear();
        counters.reset();
        log.clear();
        transitions.resetDelays(configuredDelay);
        quotas.resetAll();
    }
}
