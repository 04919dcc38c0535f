package dev.openstack.snapshots.simulator.errors;

import java.util.Map;

/**
 * An error answer in Cinder's shape: {@code {"<kind>": {"code": N, "message": "..."}}}. Thrown anywhere while a
 * request is handled; the HTTP layer turns it into the response.
 */
public final class CinderFault extends RuntimeException {

    private final int status;
    private final String kind;

    public CinderFault(int status, String kind, String message) {
        super(message, null, false, false);
        this.status = status;
        this.kind = kind;
    }

    public static CinderFault badRequest(String message) {
        return new CinderFault(400, "badRequest", message);
    }

    public static CinderFault itemNotFound(String message) {
        return new CinderFault(404, "itemNotFound", message);
    }

    public static CinderFault overLimit(String message) {
        return new CinderFault(413, "overLimit", message);
    }

    public static CinderFault volumeNotFound(String id) {
        return itemNotFound("Volume " + id + " could not be found.");
    }

    public static CinderFault snapshotNotFound(String id) {
        return itemNotFound("Snapshot " + id + " could not be found.");
    }

    /** webob's generic text, which Cinder sends when a request fails before a more specific check. */
    public static CinderFault notComply() {
        return badRequest("The server could not comply with the request since it is either malformed or otherwise incorrect.");
    }

    /** The answer an injected fault rule gives for a status, with the body kind real Cinder uses for it. */
    public static CinderFault injected(int status, String message) {
        String kind = switch (status) {
            case 400 -> "badRequest";
            case 403 -> "forbidden";
            case 404 -> "itemNotFound";
            case 409 -> "conflictingRequest";
            case 413, 429 -> "overLimit";
            default -> "computeFault";
        };
        String text = message != null ? message : defaultMessage(status);
        return new CinderFault(status, kind, text);
    }

    private static String defaultMessage(int status) {
        return switch (status) {
            case 500 -> "The server has either erred or is incapable of performing the requested operation.";
            case 503 -> "The service is unavailable at this time.";
            case 429 -> "This request was rate-limited.";
            default -> "Injected fault " + status + ".";
        };
    }

    public int status() {
        return status;
    }

    public String kind() {
        return kind;
    }

    /** Body fields in Cinder's order; over-limit answers carry {@code retryAfter}. */
    public Map<String, Object> body() {
        Map<String, Object> inner = new java.util.LinkedHashMap<>();
        inner.put("code", status);
        inner.put("message", getMessage());
        if ("overLimit".equals(kind)) {
            inner.put("retryAfter", "0");
        }
        return Map.of(kind, inner);
    }
}
