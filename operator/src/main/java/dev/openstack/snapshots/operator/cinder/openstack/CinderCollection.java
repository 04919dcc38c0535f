package dev.openstack.snapshots.operator.cinder.openstack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openstack.snapshots.operator.cinder.DeleteOutcome;
import dev.openstack.snapshots.operator.cinder.Page;
import dev.openstack.snapshots.operator.cinder.TerminalCinderException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What Cinder's volumes and snapshots answer alike: get by id, marker-paged detail listing, find across all pages,
 * delete. Cinder routes both kinds through the same controller base, so 404s and paging behave the same.
 */
final class CinderCollection<T> {

    static final int FIND_PAGE_SIZE = 1000;

    private final OpenStackConnection connection;
    private final String kind;
    private final Function<JsonNode, T> convert;
    private final Function<T, String> id;

    /** @param kind "volume" or "snapshot": the JSON envelope, and with an "s" the URL path and list key */
    CinderCollection(OpenStackConnection connection, String kind, Function<JsonNode, T> convert, Function<T, String> id) {
        this.connection = connection;
        this.kind = kind;
        this.convert = convert;
        this.id = id;
    }

    Optional<T> get(String id) {
        try {
            return Optional.of(connection.call(new CinderOperation(kind + ".get", "get " + kind + " " + id),
                    calls -> convert.apply(calls.get("/" + kind + "s/" + id, Map.of()).path(kind))));
        } catch (TerminalCinderException e) {
            // openstack4j would hand back null here; a 404 is an answer, not an error.
            if (e.httpStatus() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    Page<T> list(String marker, int limit, Map<String, String> filters) {
        return list(marker, limit, filters, CinderMicroversion.VERSION);
    }

    private Page<T> list(String marker, int limit, Map<String, String> filters, String microversion) {
        return connection.call(new CinderOperation(kind + ".list", "list " + kind + "s"), microversion,
                calls -> PageReader.page(calls.get("/" + kind + "s/detail", PageReader.query(marker, limit, filters)),
                        kind + "s", limit, convert, id));
    }

    /** The server-side filters narrow the listing; {@code really} guards against a Cinder that ignores them. */
    List<T> findAll(Map<String, String> filters, Predicate<T> really) {
        return findAll(filters, really, CinderMicroversion.VERSION);
    }

    /** As {@link #findAll(Map, Predicate)}, listing at {@code microversion} (where a filter needs a newer one). */
    List<T> findAll(Map<String, String> filters, Predicate<T> really, String microversion) {
        List<T> found = new ArrayList<>();
        String marker = null;
        do {
            Page<T> page = list(marker, FIND_PAGE_SIZE, filters, microversion);
            page.items().stream().filter(really).forEach(found::add);
            marker = page.nextMarker();
        } while (marker != null);
        return found;
    }

    DeleteOutcome delete(String id) {
        try {
            connection.call(new CinderOperation(kind + ".delete", "delete " + kind + " " + id), calls -> {
                calls.delete("/" + kind + "s/" + id);
                return null;
            });
            return DeleteOutcome.DELETING;
        } catch (TerminalCinderException e) {
            if (e.httpStatus() == 404) {
                return DeleteOutcome.ALREADY_GONE;
            }
            throw e;
        }
    }
}
