package dev.openstack.snapshots.operator.cinder.openstack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openstack.snapshots.operator.cinder.Page;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Marker paging, which openstack4j 3.12 does not do (its list results drop {@code *_links}). Cinder
 * caps a page at its {@code osapi_max_limit} (1000 by default) and then adds a "next" link; so the next
 * marker is the last id whenever Cinder gave a next link or the page came back full.
 */
final class PageReader {

    private PageReader() {
    }

    static Map<String, Object> query(String marker, int limit, Map<String, String> filters) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        Map<String, Object> query = new LinkedHashMap<>(filters);
        query.put("limit", limit);
        if (marker != null) {
            query.put("marker", marker);
        }
        return query;
    }

    static <T> Page<T> page(JsonNode body, String collection, int limit, Function<JsonNode, T> convert, Function<T, String> id) {
        List<T> items = new ArrayList<>();
        for (JsonNode item : body.path(collection)) {
            items.add(convert.apply(item));
        }
        boolean nextLink = false;
        for (JsonNode link : body.path(collection + "_links")) {
            nextLink |= "next".equals(link.path("rel").asText());
        }
        String next = !items.isEmpty() && (nextLink || items.size() >= limit) ? id.apply(items.get(items.size() - 1)) : null;
        return new Page<>(items, next);
    }
}
