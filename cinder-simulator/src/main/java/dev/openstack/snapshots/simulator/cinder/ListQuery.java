package dev.openstack.snapshots.simulator.cinder;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openstack.snapshots.simulator.errors.CinderFault;
import dev.openstack.snapshots.simulator.http.Json;
import dev.openstack.snapshots.simulator.http.SimRequest;
import dev.openstack.snapshots.simulator.store.OrderedIndex;
import dev.openstack.snapshots.simulator.store.Resource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A list request: paging ({@code limit}, {@code marker}, {@code offset}), sorting ({@code sort} or
 * {@code sort_key}/{@code sort_dir}) and exact-match filters, evaluated like Cinder's
 * {@code common.get_pagination_params}, {@code get_sort_params} and the DB filters.
 */
final class ListQuery {

    /** Cinder's {@code osapi_max_limit}. */
    static final int MAX_LIMIT = 1000;
    private static final Set<String> PAGING_KEYS = Set.of("limit", "marker", "offset", "sort", "sort_key", "sort_dir",
            "with_count", "all_tenants", "is_public");

    private final SimRequest request;
    final int limit;
    final int offset;
    final String marker;
    private final Comparator<Resource> order;
    private final boolean defaultOrder;

    ListQuery(SimRequest request, Map<String, Function<Resource, Comparable<?>>> sortKeys) {
        this.request = request;
        this.limit = parseLimit(request.param("limit").orElse(null));
        this.marker = request.param("marker").orElse(null);
        this.offset = parseOffset(request.param("offset").orElse(null));
        List<String[]> sorts = sortParams(request);
        this.defaultOrder = sorts.isEmpty();
        this.order = defaultOrder ? OrderedIndex.DEFAULT_ORDER : comparator(sorts, sortKeys);
    }

    private static int parseLimit(String raw) {
        if (raw == null) {
            return MAX_LIMIT;
        }
        int value;
        try {
            value = Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw CinderFault.badRequest("limit param must be an integer");
        }
        if (value < 0) {
            throw CinderFault.badRequest("limit param must be positive");
        }
        return Math.min(value, MAX_LIMIT);
    }

    private static int parseOffset(String raw) {
        if (raw == null) {
            return 0;
        }
        int value;
        try {
            value = Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw CinderFault.badRequest("offset must be an integer");
        }
        if (value < 0) {
            throw CinderFault.badRequest("offset must be >= 0");
        }
        return value;
    }

    private static List<String[]> sortParams(SimRequest request) {
        List<String[]> result = new ArrayList<>();
        String sort = request.param("sort").orElse(null);
        if (sort != null) {
            if (request.param("sort_key").isPresent() || request.param("sort_dir").isPresent()) {
                throw CinderFault.badRequest("The 'sort_key' and 'sort_dir' parameters are deprecated and cannot be used with the 'sort' parameter.");
            }
            for (String part : sort.split(",")) {
                String[] kv = part.trim().split(":", 2);
                result.add(new String[]{kv[0].trim(), kv.length > 1 ? kv[1].trim().toLowerCase() : "desc"});
            }
        } else if (request.param("sort_key").isPresent()) {
            result.add(new String[]{request.param("sort_key").get(), request.param("sort_dir").orElse("desc").toLowerCase()});
        }
        for (String[] s : result) {
            if (!s[1].equals("asc") && !s[1].equals("desc")) {
                throw CinderFault.badRequest("Invalid input received: Unknown sort direction, must be 'desc' or 'asc'.");
            }
        }
        return result;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Comparator<Resource> comparator(List<String[]> sorts, Map<String, Function<Resource, Comparable<?>>> keys) {
        Comparator<Resource> c = null;
        boolean hasCreated = false;
        boolean hasId = false;
        for (String[] s : sorts) {
            Function<Resource, Comparable<?>> key = keys.get(s[0]);
            if (key == null) {
                throw CinderFault.badRequest("Invalid input received: Invalid sort key");
            }
            hasCreated |= s[0].equals("created_at");
            hasId |= s[0].equals("id");
            Comparator<Resource> next = Comparator.comparing(r -> (Comparable) key.apply(r), Comparator.nullsFirst(Comparator.naturalOrder()));
            if (s[1].equals("desc")) {
                next = next.reversed();
            }
            c = c == null ? next : c.thenComparing(next);
        }
        // Cinder appends its default keys so that paging is stable.
        boolean firstDesc = sorts.get(0)[1].equals("desc");
        if (!hasCreated) {
            Comparator<Resource> created = Comparator.comparing(Resource::createdAt);
            c = c.thenComparing(firstDesc ? created.reversed() : created);
        }
        if (!hasId) {
            Comparator<Resource> id = Comparator.comparing(Resource::id);
            c = c.thenComparing(firstDesc ? id.reversed() : id);
        }
        return c;
    }

    /** Filter parameters: everything that is not paging or sorting. */
    Map<String, String> filters() {
        Map<String, String> f = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : request.query()) {
            if (!PAGING_KEYS.contains(e.getKey())) {
                f.put(e.getKey(), e.getValue());
            }
        }
        return f;
    }

    /**
     * One page: the items after the marker (404 via {@code notFound} when it does not exist), that pass the
     * filter, after skipping {@code offset}, at most {@code limit}.
     */
    <T extends Resource> List<T> page(OrderedIndex<T> index, BiPredicate<T, Map<String, String>> filter,
                                      Map<String, String> filters, Function<String, CinderFault> notFound) {
        Collection<T> source;
        T markerItem = null;
        if (marker != null) {
            markerItem = index.get(marker);
            if (markerItem == null) {
                throw notFound.apply(marker);
            }
        }
        if (defaultOrder) {
            source = markerItem == null ? index.inOrder() : index.after(markerItem);
        } else {
            List<T> sorted = new ArrayList<>(index.all());
            sorted.sort(order);
            if (markerItem != null) {
                sorted = sorted.subList(sorted.indexOf(markerItem) + 1, sorted.size());
            }
            source = sorted;
        }
        List<T> page = new ArrayList<>(Math.min(limit, 64));
        int skipped = 0;
        for (T item : source) {
            if (page.size() >= limit) {
                break;
            }
            if (!filter.test(item, filters)) {
                continue;
            }
            if (skipped < offset) {
                skipped++;
                continue;
            }
            page.add(item);
        }
        return page;
    }

    /**
     * Cinder's "next" link: present when the page is full (even if nothing follows), pointing at the same
     * collection with the same parameters and the last id as marker.
     */
    List<Object> nextLinks(List<? extends Resource> page, String projectId, String collection) {
        if (page.isEmpty() || limit > page.size()) {
            return List.of();
        }
        List<String> params = new ArrayList<>();
        for (Map.Entry<String, String> e : request.query()) {
            if (!e.getKey().equals("marker")) {
                params.add(encode(e.getKey()) + "=" + encode(e.getValue()));
            }
        }
        params.add("marker=" + encode(page.get(page.size() - 1).id()));
        String href = request.baseUrl() + "/volume/v3/" + projectId + "/" + collection + "?" + String.join("&", params);
        return List.of(CinderViews.link("next", href));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /**
     * Cinder evaluates the {@code metadata} filter with Python's {@code ast.literal_eval}, so both the JSON form
     * {@code {"k":"v"}} and cinderclient's Python form {@code {'k': 'v'}} work. Anything else matches nothing.
     */
    static Map<String, String> metadataFilter(String raw) {
        for (String candidate : List.of(raw, raw.replace('\'', '"'))) {
            try {
                JsonNode node = Json.MAPPER.readTree(candidate);
                if (node != null && node.isObject()) {
                    Map<String, String> m = new LinkedHashMap<>();
                    node.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().isTextual() ? e.getValue().textValue() : e.getValue().toString()));
                    return m;
                }
            } catch (java.io.IOException ignored) {
                // try the next spelling
            }
        }
        return null;
    }

    static boolean metadataMatches(Map<String, String> metadata, String raw) {
        Map<String, String> wanted = metadataFilter(raw);
        return wanted != null && wanted.entrySet().stream().allMatch(e -> e.getValue().equals(metadata.get(e.getKey())));
    }

    static String describe(Map<String, String> filters) {
        return filters.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }
}
