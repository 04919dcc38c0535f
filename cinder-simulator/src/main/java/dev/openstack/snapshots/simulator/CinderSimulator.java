package dev.openstack.snapshots.simulator;

import dev.openstack.snapshots.simulator.cinder.CinderApi;
import dev.openstack.snapshots.simulator.cinder.CinderState;
import dev.openstack.snapshots.simulator.cinder.CinderViews;
import dev.openstack.snapshots.simulator.controls.ControlsApi;
import dev.openstack.snapshots.simulator.controls.SimulatorControls;
import dev.openstack.snapshots.simulator.faults.FaultPlan;
import dev.openstack.snapshots.simulator.faults.OperationGate;
import dev.openstack.snapshots.simulator.faults.RequestCounters;
import dev.openstack.snapshots.simulator.faults.RequestLog;
import dev.openstack.snapshots.simulator.faults.Transitions;
import dev.openstack.snapshots.simulator.http.HttpFrontend;
import dev.openstack.snapshots.simulator.keystone.Identity;
import dev.openstack.snapshots.simulator.keystone.KeystoneApi;
import dev.openstack.snapshots.simulator.keystone.TokenRegistry;
import dev.openstack.snapshots.simulator.store.BlockStore;
import dev.openstack.snapshots.simulator.store.Quotas;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Keystone v3 and Cinder v3 on one port: {@code /v3} (Keystone), {@code /volume/v3/{project_id}} (Cinder),
 * {@code /_sim} (test controls). Start with {@link #start(SimulatorConfig)}, stop with {@link #close()}.
 */
public final class CinderSimulator implements AutoCloseable {

    private final SimulatorConfig config;
    private final Identity identity;
    private final HttpFrontend http;
    private final Transitions transitions;
    private final SimulatorControls controls;

    private CinderSimulator(SimulatorConfig config) throws IOException {
        this.config = config;
        this.identity = Identity.of(config.user(), config.password(), config.project(), config.domain(),
                config.appCredentialId(), config.appCredentialName(), config.appCredentialSecret());
        TokenRegistry tokens = new TokenRegistry(config.clock(), config.tokenLifetime());
        BlockStore store = new BlockStore();
        Quotas quotas = new Quotas(Quotas.cinderDefaults(config.volumeQuota(), config.snapshotQuota(), config.gigabytesQuota()));
        this.transitions = new Transitions(config.transitionDelay());
        RequestCounters counters = new RequestCounters();
        FaultPlan faults = new FaultPlan();
        RequestLog log = new RequestLog(config.clock());
        OperationGate gate = new OperationGate(counters, faults, log);
        CinderState state = new CinderState(identity.projectId(), store, quotas, transitions,
                new CinderViews(identity.projectId(), identity.userId()), config.clock());
        this.controls = new SimulatorControls(faults, counters, log, transitions, quotas, store, tokens, identity.projectId(),
                config.transitionDelay());
        this.http = new HttpFrontend(config.host(), config.port());
        http.route(ControlsApi.PREFIX, new ControlsApi(controls));
        http.route(CinderApi.PREFIX, new CinderApi(tokens, state, gate));
        http.route("/v3", new KeystoneApi(identity, tokens, config.region(), gate));
        http.start();
    }

    public static CinderSimulator start(SimulatorConfig config) {
        try {
            return new CinderSimulator(config);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the simulator on " + config.host() + ":" + config.port(), e);
        }
    }

    /** Host clients should use: a wildcard bind address is reached through loopback. */
    private String advertisedHost() {
        String h = config.host();
        return h.equals("0.0.0.0") || h.equals("::") ? "127.0.0.1" : h;
    }

    public int port() {
        return http.port();
    }

    public String baseUrl() {
        return "http://" + advertisedHost() + ":" + port();
    }

    /** Keystone's auth URL, e.g. {@code http://127.0.0.1:PORT/v3}. */
    public String authUrl() {
        return baseUrl() + "/v3";
    }

    /** The block-storage endpoint the catalog announces. */
    public String volumeEndpoint() {
        return baseUrl() + "/volume/v3/" + projectId();
    }

    public String projectId() {
        return identity.projectId();
    }

    public String userId() {
        return identity.userId();
    }

    public String username() {
        return config.user();
    }

    public String password() {
        return config.password();
    }

    public String projectName() {
        return config.project();
    }

    public String domainName() {
        return config.domain();
    }

    public String region() {
        return config.region();
    }

    public String applicationCredentialId() {
        return config.appCredentialId();
    }

    public String applicationCredentialName() {
        return config.appCredentialName();
    }

    public String applicationCredentialSecret() {
        return config.appCredentialSecret();
    }

    public SimulatorControls controls() {
        return controls;
    }

    @Override
    public void close() {
        http.close();
        transitions.close();
    }
}
