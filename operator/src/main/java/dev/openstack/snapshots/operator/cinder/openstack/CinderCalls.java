package dev.openstack.snapshots.operator.cinder.openstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;
import org.openstack4j.api.types.ServiceType;
import org.openstack4j.core.transport.ExecutionOptions;
import org.openstack4j.core.transport.HttpMethod;
import org.openstack4j.core.transport.HttpResponse;
import org.openstack4j.model.ModelEntity;
import org.openstack4j.openstack.internal.BaseOpenStackService;

/**
 * Cinder requests on openstack4j's own transport: the thread's session (token, region, endpoint
 * resolver, the OkHttp connector with its timeouts, the microversion header). It exists because
 * openstack4j's block-storage services lose what we need: a 404 becomes null (on get and on create),
 * error bodies are dropped for 404, statuses outside its enum become UNRECOGNIZED, updated_at and the
 * paging links are not read, and snapshot metadata has no endpoint at all.
 *
 * <p>Every call passes {@link ExecutionOptions} whose propagation hook sees each answer >= 400 before
 * openstack4j's handler can turn it into null, and throws a classified exception with Cinder's message.
 * Callers must hold a session on the current thread ({@code OSFactory.clientFromToken}).
 */
final class CinderCalls extends BaseOpenStackService {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    CinderCalls() {
        super(ServiceType.BLOCK_STORAGE);
    }

    JsonNode get(String path, Map<String, ?> query) {
        return get(JsonNode.class, path).params(query).execute(options());
    }

    JsonNode post(String path, ModelEntity entity) {
        return post(JsonNode.class, path).entity(entity).execute(options());
    }

    JsonNode postJson(String path, String json) {
        return post(JsonNode.class, path).json(json).execute(options());
    }

    JsonNode putJson(String path, String json) {
        return put(JsonNode.class, path).json(json).execute(options());
    }

    void delete(String path) {
        delete(JsonNode.class, path).execute(options());
    }

    JsonNode call(HttpMethod method, String path) {
        return request(method, JsonNode.class, path).execute(options());
    }

    private static ExecutionOptions<JsonNode> options() {
        Function<HttpResponse, JsonNode> parser = CinderCalls::readJson;
        return ExecutionOptions.create(parser, CinderCalls::failIfError);
    }

    private static void failIfError(HttpResponse response) {
        if (response.getStatus() >= 400) {
            throw CinderFailures.fromResponse(response.getStatus(), readText(response), response.header("X-Openstack-Request-Id"));
        }
    }

    private static JsonNode readJson(HttpResponse response) {
        String text = readText(response);
        if (text.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("Cinder answered HTTP " + response.getStatus() + " with a body that is not JSON", e);
        }
    }

    private static String readText(HttpResponse response) {
        try (InputStream in = response.getInputStream()) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
