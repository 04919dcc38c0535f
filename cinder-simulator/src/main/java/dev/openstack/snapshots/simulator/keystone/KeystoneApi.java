package dev.openstack.snapshots.simulator.keystone;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openstack.snapshots.simulator.faults.FaultRule;
import dev.openstack.snapshots.simulator.faults.OperationGate;
import dev.openstack.snapshots.simulator.http.Handler;
import dev.openstack.snapshots.simulator.http.Json;
import dev.openstack.snapshots.simulator.http.SimRequest;
import dev.openstack.snapshots.simulator.http.SimResponse;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Keystone v3 under {@code /v3}: the version document, token issue ({@code password}, {@code application_credential}) and validation. */
public final class KeystoneApi implements Handler {

    private static final DateTimeFormatter KEYSTONE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final Identity identity;
    private final TokenRegistry tokens;
    private final String region;
    private final OperationGate gate;

    public KeystoneApi(Identity identity, TokenRegistry tokens, String region, OperationGate gate) {
        this.identity = identity;
        this.tokens = tokens;
        this.region = region;
        this.gate = gate;
    }

    @Override
    public SimResponse handle(SimRequest req) {
        if (req.path().equals("/v3") && req.method().equals("GET")) {
            return keystone(SimResponse.json(200, versionDocument(req.baseUrl())));
        }
        if (req.path().equals("/v3/auth/tokens")) {
            return switch (req.method()) {
                case "POST" -> issue(req);
                case "GET", "HEAD" -> validate(req);
                default -> keystone(error(405, "Method Not Allowed", "The method is not allowed for the requested URL."));
            };
        }
        return keystone(error(404, "Not Found", "The resource could not be found."));
    }

    private SimResponse issue(SimRequest req) {
        Optional<FaultRule> fault = gate.enter("keystone.auth");
        try {
            return issue(req, fault);
        } finally {
            gate.leave();
        }
    }

    private SimResponse issue(SimRequest req, Optional<FaultRule> fault) {
        if (fault.isPresent() && fault.get().status() != null) {
            int status = fault.get().status();
            String msg = fault.get().message() != null ? fault.get().message() : "Injected fault " + status + ".";
            return keystone(error(status, status == 401 ? "Unauthorized" : "Injected", msg), req);
        }
        JsonNode body;
        try {
            body = Json.parse(req.body());
        } catch (java.io.IOException e) {
            return keystone(error(400, "Bad Request", "Expecting to find valid JSON in request body."));
        }
        JsonNode identityNode = body == null ? null : body.path("auth").get("identity");
        if (identityNode == null || !identityNode.isObject()) {
            return keystone(error(400, "Bad Request", "'identity' is a required property"));
        }
        List<String> methods = new ArrayList<>();
        identityNode.path("methods").forEach(m -> methods.add(m.asText()));
        boolean ok;
        boolean viaAppCred = false;
        if (methods.contains("application_credential")) {
            ok = applicationCredentialMatches(identityNode.path("application_credential"));
            viaAppCred = true;
        } else if (methods.contains("password")) {
            ok = passwordMatches(identityNode.path("password").path("user"));
        } else {
            ok = false;
        }
        if (!ok) {
            return unauthorized(req);
        }
        String projectId = null;
        JsonNode scope = body.path("auth").path("scope");
        if (viaAppCred) {
            projectId = identity.projectId();
        } else if (scope.has("project")) {
            if (!projectMatches(scope.get("project"))) {
                return unauthorized(req);
            }
            projectId = identity.projectId();
        }
        IssuedToken token = tokens.issue(methods, projectId, viaAppCred);
        return keystone(SimResponse.json(201, tokenBody(token, req.baseUrl()))).header("X-Subject-Token", token.id());
    }

    private SimResponse validate(SimRequest req) {
        if (tokens.valid(req.header("X-Auth-Token").orElse(null)).isEmpty()) {
            return unauthorized(req);
        }
        String subject = req.header("X-Subject-Token").orElse(null);
        Optional<IssuedToken> token = tokens.valid(subject);
        if (token.isEmpty()) {
            return keystone(error(404, "Not Found", "Could not find token: " + subject + "."));
        }
        return keystone(SimResponse.json(200, tokenBody(token.get(), req.baseUrl()))).header("X-Subject-Token", subject);
    }

    private boolean passwordMatches(JsonNode user) {
        boolean who = identity.userId().equals(user.path("id").asText(null))
                || (identity.userName().equals(user.path("name").asText(null))
                && identity.domainMatches(user.path("domain").path("id").asText(null), user.path("domain").path("name").asText(null)));
        return who && identity.password().equals(user.path("password").asText(null));
    }

    private boolean applicationCredentialMatches(JsonNode cred) {
        if (identity.appCredentialId() == null || !identity.appCredentialSecret().equals(cred.path("secret").asText(null))) {
            return false;
        }
        if (cred.has("id")) {
            return identity.appCredentialId().equals(cred.path("id").asText());
        }
        JsonNode user = cred.path("user");
        boolean userOk = identity.userId().equals(user.path("id").asText(null))
                || (identity.userName().equals(user.path("name").asText(null))
                && identity.domainMatches(user.path("domain").path("id").asText(null), user.path("domain").path("name").asText(null)));
        return userOk && identity.appCredentialName().equals(cred.path("name").asText(null));
    }

    private boolean projectMatches(JsonNode project) {
        if (project.has("id")) {
            return identity.projectId().equals(project.path("id").asText());
        }
        return identity.projectName().equals(project.path("name").asText(null))
                && identity.domainMatches(project.path("domain").path("id").asText(null), project.path("domain").path("name").asText(null));
    }

    private Map<String, Object> tokenBody(IssuedToken token, String baseUrl) {
        Map<String, Object> domain = Map.of("id", identity.domainId(), "name", identity.domainName());
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("methods", token.methods());
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("domain", domain);
        user.put("id", identity.userId());
        user.put("name", identity.userName());
        user.put("password_expires_at", null);
        t.put("user", user);
        t.put("audit_ids", List.of(token.auditId()));
        t.put("expires_at", KEYSTONE_TIME.format(token.expiresAt()));
        t.put("issued_at", KEYSTONE_TIME.format(token.issuedAt()));
        if (token.projectId() != null) {
            Map<String, Object> project = new LinkedHashMap<>();
            project.put("domain", domain);
            project.put("id", identity.projectId());
            project.put("name", identity.projectName());
            t.put("project", project);
            t.put("is_domain", false);
            t.put("roles", List.of(Map.of("id", "4cca54c548a8409aaba38a4db4e2f42c", "name", "admin"),
                    Map.of("id", "585dbfa9526e4df1afb9ce8a2bf740bd", "name", "member"),
                    Map.of("id", "6006ce70153240f8902fea6079657770", "name", "reader")));
            if (token.viaApplicationCredential()) {
                t.put("application_credential", Map.of("id", identity.appCredentialId(), "name", identity.appCredentialName(),
                        "restricted", true));
            }
            t.put("catalog", catalog(baseUrl));
        }
        return Map.of("token", t);
    }

    private List<Object> catalog(String baseUrl) {
        String volumeUrl = baseUrl + "/volume/v3/" + identity.projectId();
        return List.of(
                service("0a6a3b838b6a4909a77abb82bbe7fd4b", "volumev3", "cinderv3", volumeUrl),
                service("4167c0dc201e4b9b8986b00d6ef3cebb", "block-storage", "cinder", volumeUrl),
                service("8536991a6c5642bc8f1ac88bdfefd651", "identity", "keystone", baseUrl + "/v3/"));
    }

    private Map<String, Object> service(String id, String type, String name, String url) {
        List<Object> endpoints = new ArrayList<>();
        for (String iface : List.of("public", "internal", "admin")) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("id", id.substring(0, 26) + iface.substring(0, 3) + "ep");
            e.put("interface", iface);
            e.put("region_id", region);
            e.put("url", url);
            e.put("region", region);
            endpoints.add(e);
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("endpoints", endpoints);
        s.put("id", id);
        s.put("type", type);
        s.put("name", name);
        return s;
    }

    private static Map<String, Object> versionDocument(String baseUrl) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", "v3.14");
        v.put("status", "stable");
        v.put("updated", "2020-04-07T00:00:00Z");
        v.put("links", List.of(Map.of("rel", "self", "href", baseUrl + "/v3/")));
        v.put("media-types", List.of(Map.of("base", "application/json", "type", "application/vnd.openstack.identity-v3+json")));
        return Map.of("version", v);
    }

    private SimResponse unauthorized(SimRequest req) {
        return keystone(error(401, "Unauthorized", "The request you have made requires authentication."), req);
    }

    private SimResponse keystone(SimResponse r, SimRequest req) {
        if (r.status() == 401) {
            r.header("WWW-Authenticate", "Keystone uri=\"" + req.baseUrl() + "/v3\"");
        }
        return keystone(r);
    }

    private static SimResponse keystone(SimResponse r) {
        return r.header("Vary", "X-Auth-Token");
    }

    /** Keystone's error body: {@code {"error":{"code":N,"message":"…","title":"…"}}}. */
    private static SimResponse error(int code, String title, String message) {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("code", code);
        inner.put("message", message);
        inner.put("title", title);
        return SimResponse.json(code, Map.of("error", inner));
    }

    static String format(Instant instant) {
        return KEYSTONE_TIME.format(instant);
    }
}
