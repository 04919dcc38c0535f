package dev.openstack.snapshots.simulator.cinder;

import dev.openstack.snapshots.simulator.errors.CinderFault;
import dev.openstack.snapshots.simulator.faults.FaultRule;
import dev.openstack.snapshots.simulator.faults.OperationGate;
import dev.openstack.snapshots.simulator.http.Handler;
import dev.openstack.snapshots.simulator.http.SimRequest;
import dev.openstack.snapshots.simulator.http.SimResponse;
import dev.openstack.snapshots.simulator.keystone.IssuedToken;
import dev.openstack.snapshots.simulator.keystone.TokenRegistry;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Cinder v3 under {@code /volume/v3/{project_id}}. Order of checks as in the real pipeline: token
 * (keystonemiddleware), route, microversion, project in the URL, then the operation's gate (counter, faults).
 */
public final class CinderApi implements Handler {

    public static final String PREFIX = "/volume/v3";

    private final TokenRegistry tokens;
    private final CinderState state;
    private final OperationGate gate;
    private final SnapshotsApi snapshots;
    private final VolumesApi volumes;
    private final QuotaSetsApi quotas;

    public CinderApi(TokenRegistry tokens, CinderState state, OperationGate gate) {
        this.tokens = tokens;
        this.state = state;
        this.gate = gate;
        this.snapshots = new SnapshotsApi(state);
        this.volumes = new VolumesApi(state);
        this.quotas = new QuotaSetsApi(state);
    }

    private interface Action {
        SimResponse run(CinderCall call);
    }

    /** {@code resource}: the id in the path, null for collections. */
    private record Route(String operation, String resource, Action action) {
        Route(String operation, Action action) {
            this(operation, null, action);
        }
    }

    @Override
    public SimResponse handle(SimRequest req) {
        Optional<IssuedToken> token = tokens.valid(req.header("X-Auth-Token").orElse(null));
        if (token.isEmpty()) {
            return unauthorized(req);
        }
        List<String> parts = Arrays.stream(req.path().substring(PREFIX.length()).split("/")).filter(s -> !s.isEmpty()).toList();
        if (parts.size() < 2) {
            return SimResponse.notFoundHtml();
        }
        String project = parts.get(0);
        List<String> rest = parts.subList(1, parts.size());
        Route route = route(req.method(), rest);
        if (route == null) {
            return SimResponse.notFoundHtml();
        }
        Microversion version;
        try {
            version = Microversion.fromHeader(req.header("OpenStack-API-Version").orElse(null));
        } catch (Microversion.UnsupportedVersion e) {
            return cinder(e.response());
        } catch (CinderFault f) {
            return cinder(SimResponse.fault(f));
        }
        try {
            if (!project.equals(token.get().projectId())) {
                throw CinderFault.badRequest("Malformed request url");
            }
            Optional<FaultRule> fault = gate.enter(route.operation(), route.resource());
            try {
                fault.filter(f -> f.status() != null).ifPresent(f -> {
                    throw CinderFault.injected(f.status(), f.message());
                });
                SimResponse answer = cinder(version.stamp(route.action().run(new CinderCall(req, version, rest, fault))));
                gate.delayAnswer(fault);
                return answer;
            } finally {
                gate.leave();
            }
        } catch (CinderFault f) {
            return cinder(version.stamp(SimResponse.fault(f)));
        }
    }

    private Route route(String method, List<String> p) {
        String head = p.get(0);
        int n = p.size();
        switch (head) {
            case "snapshots" -> {
                if (n == 1) {
                    return switch (method) {
                        case "POST" -> new Route("snapshot.create", snapshots::create);
                        case "GET" -> new Route("snapshot.list", c -> snapshots.list(c, false));
                        default -> null;
                    };
                }
                if (n == 2 && p.get(1).equals("detail") && method.equals("GET")) {
                    return new Route("snapshot.list", c -> snapshots.list(c, true));
                }
                String id = p.get(1);
                if (n == 2) {
                    return switch (method) {
                        case "GET" -> new Route("snapshot.get", id, c -> snapshots.show(c, id));
                        case "PUT" -> new Route("snapshot.update", id, c -> snapshots.update(c, id));
                        case "DELETE" -> new Route("snapshot.delete", id, c -> snapshots.delete(c, id));
                        default -> null;
                    };
                }
                if (n == 3 && p.get(2).equals("action") && method.equals("POST")) {
                    return new Route("snapshot.action", id, c -> snapshots.action(c, id));
                }
                if (p.get(2).equals("metadata") && n <= 4 && metadataMethod(method, n == 4)) {
                    String key = n == 4 ? p.get(3) : null;
                    return new Route("snapshot.metadata", id, c -> snapshots.metadata(c, id, key));
                }
                return null;
            }
            case "volumes" -> {
                if (n == 1) {
                    return switch (method) {
                        case "POST" -> new Route("volume.create", volumes::create);
                        case "GET" -> new Route("volume.list", c -> volumes.list(c, false));
                        default -> null;
                    };
                }
                if (n == 2 && p.get(1).equals("detail") && method.equals("GET")) {
                    return new Route("volume.list", c -> volumes.list(c, true));
                }
                String id = p.get(1);
                if (n == 2) {
                    return switch (method) {
                        case "GET" -> new Route("volume.get", id, c -> volumes.show(c, id));
                        case "PUT" -> new Route("volume.update", id, c -> volumes.update(c, id));
                        case "DELETE" -> new Route("volume.delete", id, c -> volumes.delete(c, id));
                        default -> null;
                    };
                }
                if (n == 3 && p.get(2).equals("action") && method.equals("POST")) {
                    return new Route("volume.action", id, c -> volumes.action(c, id));
                }
                if (p.get(2).equals("metadata") && n <= 4 && metadataMethod(method, n == 4)) {
                    String key = n == 4 ? p.get(3) : null;
                    return new Route("volume.metadata", id, c -> volumes.metadata(c, id, key));
                }
                return null;
            }
            case "os-quota-sets" -> {
                if (n == 2) {
                    String target = p.get(1);
                    return switch (method) {
                        case "GET" -> new Route("quota.get", c -> quotas.show(c, target));
                        case "PUT" -> new Route("quota.update", c -> quotas.update(c, target));
                        case "DELETE" -> new Route("quota.delete", c -> quotas.delete(target));
                        default -> null;
                    };
                }
                if (n == 3 && p.get(2).equals("defaults") && method.equals("GET")) {
                    String target = p.get(1);
                    return new Route("quota.defaults", c -> quotas.defaults(target));
                }
                return null;
            }
            default -> {
                return null;
            }
        }
    }

    private static boolean metadataMethod(String method, boolean perKey) {
        return perKey ? List.of("GET", "PUT", "DELETE").contains(method) : List.of("GET", "POST", "PUT").contains(method);
    }

    private static SimResponse cinder(SimResponse r) {
        return r.header("X-Compute-Request-Id", "");
    }

    /** keystonemiddleware's 401: its own key order and a Www-Authenticate pointing at Keystone. */
    private static SimResponse unauthorized(SimRequest req) {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("code", 401);
        inner.put("title", "Unauthorized");
        inner.put("message", "The request you have made requires authentication.");
        return SimResponse.json(401, Map.of("error", inner)).header("Www-Authenticate", "Keystone uri=\"" + req.baseUrl() + "\"");
    }

    public CinderState state() {
        return state;
    }
}
