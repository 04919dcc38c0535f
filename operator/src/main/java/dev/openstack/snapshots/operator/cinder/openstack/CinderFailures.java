package dev.openstack.snapshots.operator.cinder.openstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openstack.snapshots.operator.cinder.CinderException;
import dev.openstack.snapshots.operator.cinder.TerminalCinderException;
import dev.openstack.snapshots.operator.cinder.TransientCinderException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.util.Iterator;
import org.openstack4j.api.exceptions.ConnectionException;
import org.openstack4j.api.exceptions.ResponseException;
import org.openstack4j.model.common.ActionResponse;

/**
 * Turns every way a Cinder call can fail into a classified {@link CinderException}: 4xx other than 429
 * are terminal, 5xx, 429, timeouts and connection failures transient. The message is Cinder's own text
 * plus {@code (HTTP n, request req-...)}; it never contains a token (openstack4j's own exception texts
 * are not reused for that reason: they may quote request headers).
 */
public final class CinderFailures {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CinderFailures() {
    }

    /** A Cinder error answer: status, raw body, {@code X-Openstack-Request-Id}. */
    public static CinderException fromResponse(int status, String body, String requestId) {
        return classify(status, errorMessage(status, body), requestId, null);
    }

    /** An openstack4j ActionResponse that reports failure. */
    public static CinderException fromActionResponse(ActionResponse response, String requestId) {
        return classify(response.getCode(), response.getFault(), requestId, null);
    }

    /** Whatever openstack4j (or its connector) threw. */
    public static CinderException fromThrowable(RuntimeException e, String operation) {
        if (e instanceof CinderException cinder) {
            return cinder;
        }
        if (e instanceof ConnectionException) {
            return noAnswer(operation, e.getCause() != null ? e.getCause() : e, e);
        }
        if (e instanceof ResponseException response && response.getStatus() > 0) {
            // ResponseException's message is Cinder's text (openstack4j parsed the error body) or the reason phrase.
            return classify(response.getStatus(), response.getMessage(), null, e);
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
            if (root instanceof java.io.IOException) {
                return noAnswer(operation, root, e);
            }
        }
        return new TransientCinderException(operation + " failed in the OpenStack client: " + e.getClass().getSimpleName(), 0, null, e);
    }

    static CinderException noAnswer(String operation, Throwable cause, Throwable wrapper) {
        String what = cause instanceof InterruptedIOException ? "timed out"
                : cause instanceof ConnectException ? "could not connect" : "failed";
        String detail = cause.getMessage() == null ? cause.getClass().getSimpleName()
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        return new TransientCinderException(operation + " " + what + " (" + detail + ")", 0, null, wrapper);
    }

    static CinderException classify(int status, String cinderMessage, String requestId, Throwable cause) {
        String text = (cinderMessage == null || cinderMessage.isBlank() ? "Cinder gave no message" : cinderMessage)
                + " (HTTP " + status + (requestId == null ? "" : ", request " + requestId) + ")";
        if (status >= 500 || status == 429 || status <= 0) {
            return new TransientCinderException(text, status, requestId, cause);
        }
        return new TerminalCinderException(text, status, requestId, cause);
    }

    /** Cinder's error body has one top-level key (badRequest, itemNotFound, overLimit, computeFault, error...). */
    static String errorMessage(int status, String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode root = MAPPER.readTree(body);
            if (root != null && root.isObject()) {
                Iterator<JsonNode> values = root.elements();
                while (values.hasNext()) {
                    JsonNode message = values.next().path("message");
                    if (message.isTextual()) {
                        return message.asText();
                    }
                }
                if (root.path("message").isTextual()) {
                    return root.path("message").asText();
                }
            }
        } catch (Exception e) {
            // not JSON (a proxy's HTML page, say): fall through to a short excerpt
        }
        String oneLine = body.replaceAll("\\s+", " ").trim();
        return oneLine.length() > 200 ? oneLine.substring(0, 200) + "..." : oneLine;
    }
}
