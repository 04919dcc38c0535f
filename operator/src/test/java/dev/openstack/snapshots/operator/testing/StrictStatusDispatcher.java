package dev.openstack.snapshots.operator.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * fabric8's CRUD mock plus one rule of the real API server that it lacks and that the operator's crash safety relies
 * on: a PUT of the status subresource carrying a resourceVersion other than the stored one is 409 Conflict
 * (optimistic concurrency; the mock copies the stored resourceVersion into every status PUT). Writes are serialized
 * so that the check and the write are one step, as in etcd. Behind every {@link MockKubernetesApi}: without it two
 * operator processes against the sandbox (the kill campaign) could both win a compare-and-set that a real API server
 * refuses.
 */
public final class StrictStatusDispatcher extends KubernetesCrudDispatcher {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public synchronized MockResponse handleUpdate(RecordedRequest request) {
        String path = request.getPath();
        String plain = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        if (plain.endsWith("/status")) {
            // getBytes() leaves the body in place for the dispatcher (reading it would consume it)
            String wanted = resourceVersionOf(new String(request.getBody().getBytes(), StandardCharsets.UTF_8));
            Map.Entry<?, String> stored = findResource(getKey(path));
            if (wanted != null && stored != null && !wanted.equals(resourceVersionOf(stored.getValue()))) {
                return new MockResponse().setResponseCode(409).setBody("""
                        {"kind":"Status","apiVersion":"v1","status":"Failure","reason":"Conflict","code":409,\
                        "message":"Operation cannot be fulfilled: the object has been modified; please apply your \
                        changes to the latest version and try again"}""");
            }
        }
        return super.handleUpdate(request);
    }

    @Override
    public synchronized MockResponse handleCreate(RecordedRequest request) {
        return super.handleCreate(request);
    }

    @Override
    public synchronized MockResponse handlePatch(RecordedRequest request) {
        return super.handlePatch(request);
    }

    @Override
    public synchronized MockResponse handleDelete(String path) {
        return super.handleDelete(path);
    }

    private static String resourceVersionOf(String json) {
        try {
            JsonNode rv = JSON.readTree(json).path("metadata").path("resourceVersion");
            return rv.isTextual() && !rv.asText().isEmpty() ? rv.asText() : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
