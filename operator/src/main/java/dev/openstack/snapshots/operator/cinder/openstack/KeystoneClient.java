package dev.openstack.snapshots.operator.cinder.openstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openstack.snapshots.operator.cloud.CloudSettings;
import dev.openstack.snapshots.operator.cinder.TerminalCinderException;
import dev.openstack.snapshots.operator.cinder.TransientCinderException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Instant;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.openstack4j.core.transport.ObjectMapperSingleton;
import org.openstack4j.openstack.identity.v3.domain.KeystoneToken;

/**
 * Issues project-scoped Keystone v3 tokens itself, as part of the Cinder adapter (the token is an openstack4j type,
 * and a failure is classified like any Cinder call's: 401 and other 4xx terminal, 5xx, 429 and I/O transient): openstack4j 3.12 has no application-credential auth,
 * and one code path for both auth types keeps the behaviour alike. Runs on OkHttp, the stack openstack4j's
 * connector uses for Cinder. The response is parsed into openstack4j's own {@link KeystoneToken}, so that
 * {@code OSFactory.clientFromToken} can use it (catalog, project, expiry).
 */
final class KeystoneClient {

    private static final MediaType JSON = MediaType.get("application/json");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final CloudSettings cloud;
    private final OkHttpClient http;

    KeystoneClient(CloudSettings cloud, OkHttpClient http) {
        this.cloud = cloud;
        this.http = http;
    }

    IssuedToken issue() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.set("auth", cloud.credentials().authRequest(JsonNodeFactory.instance));
        Request request = new Request.Builder()
                .url(cloud.authUrl() + "/auth/tokens")
                .post(RequestBody.create(body.toString(), JSON))
                .build();
        try (Response response = http.newCall(request).execute()) {
            String text = readBody(response.body());
            String requestId = response.header("X-Openstack-Request-Id");
            if (response.code() == 201 || response.code() == 200) {
                return parse(response.header("X-Subject-Token"), text);
            }
            throw failure(response.code(), text, requestId);
        } catch (IOException e) {
            String kind = e instanceof InterruptedIOException ? "timed out" : "failed";
            throw new TransientCinderException("Keystone call of cloud '" + cloud.cloudName() + "' to " + cloud.authUrl()
                    + " " + kind + ": " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()),
                    0, null, e);
        }
    }

    private IssuedToken parse(String subjectToken, String text) throws IOException {
        if (subjectToken == null || subjectToken.isBlank()) {
            throw new TransientCinderException("Keystone of cloud '" + cloud.cloudName() + "' issued no X-Subject-Token", 201, null, null);
        }
        KeystoneToken token = ObjectMapperSingleton.getContext(KeystoneToken.class)
                .readerFor(KeystoneToken.class).readValue(text);
        token.setId(subjectToken);
        // openstack4j treats the token's endpoint as the Keystone URL (and, fatally, as the fallback of
        // every catalog lookup; see BlockStorageEndpoint).
        token.setEndpoint(cloud.authUrl());
        JsonNode tree = MAPPER.readTree(text).path("token");
        Instant expiresAt = Instant.parse(tree.path("expires_at").asText());
        String issued = tree.path("issued_at").asText(null);
        Instant issuedAt = issued == null ? null : Instant.parse(issued);
        return new IssuedToken(token, issuedAt, expiresAt);
    }

    private RuntimeException failure(int status, String text, String requestId) {
        String suffix = " (HTTP " + status + (requestId == null ? "" : ", request " + requestId) + ")";
        if (status == 401) {
            return new TerminalCinderException("Keystone rejected the credentials of cloud '" + cloud.cloudName() + "'" + suffix,
                    status, requestId, null);
        }
        String message = "Keystone of cloud '" + cloud.cloudName() + "' refused to issue a token: "
                + cloud.credentials().redact(KeystoneErrorText.of(text)) + suffix;
        if (status >= 500 || status == 429) {
            return new TransientCinderException(message, status, requestId, null);
        }
        return new TerminalCinderException(message, status, requestId, null);
    }

    private static String readBody(ResponseBody body) throws IOException {
        return body == null ? "" : body.string();
    }
}
