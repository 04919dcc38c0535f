package dev.openstack.snapshots.simulator.http;

import dev.openstack.snapshots.simulator.errors.CinderFault;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A response about to be written. Headers are mutable so that layers can add theirs. */
public final class SimResponse {

    private static final String NOT_FOUND_HTML = """
            <html>
             <head>
              <title>404 Not Found</title>
             </head>
             <body>
              <h1>404 Not Found</h1>
              The resource could not be found.<br /><br />



             </body>
            </html>""";

    private final int status;
    private final byte[] body;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public SimResponse(int status, byte[] body, String contentType) {
        this.status = status;
        this.body = body;
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
    }

    public static SimResponse json(int status, Object body) {
        return new SimResponse(status, Json.write(body), "application/json");
    }

    public static SimResponse empty(int status) {
        return new SimResponse(status, new byte[0], "application/json");
    }

    public static SimResponse fault(CinderFault fault) {
        SimResponse r = json(fault.status(), fault.body());
        if (fault.status() == 413) {
            r.header("Retry-After", "0");
        }
        return r;
    }

    /** The routes layer's 404 for a path nothing serves: HTML, like real Cinder's. */
    public static SimResponse notFoundHtml() {
        return new SimResponse(404, NOT_FOUND_HTML.getBytes(StandardCharsets.UTF_8), "text/html; charset=UTF-8");
    }

    public SimResponse header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public int status() {
        return status;
    }

    public byte[] body() {
        return body;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
