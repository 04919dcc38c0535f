package dev.openstack.snapshots.sandbox;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API server's own count of the requests it served, {@code apiserver_request_total} from its /metrics (the
 * benchmark's kubeconfig is an admin's), by verb, resource and subresource. Two readings subtracted give what a phase
 * of the run cost the API server, whoever sent it: the benchmark's own creates and deletes are known and taken out.
 *
 * @param counts requests per "VERB resource[/subresource]"
 */
record ApiServerRequests(Map<String, Long> counts) {

    private static final Pattern LINE = Pattern.compile("^apiserver_request_total\\{(.*)} ([0-9.e+]+)$");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    static ApiServerRequests read(KubernetesClient client) {
        return parse(client.raw("/metrics"));
    }

    /** The counters of a Prometheus text exposition, summed over the labels other than verb and (sub)resource. */
    static ApiServerRequests parse(String metrics) {
        Map<String, Long> counts = new HashMap<>();
        for (String line : metrics.split("\n")) {
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            Map<String, String> labels = new HashMap<>();
            Matcher l = LABEL.matcher(m.group(1));
            while (l.find()) {
                labels.put(l.group(1), l.group(2));
            }
            String subresource = labels.getOrDefault("subresource", "");
            String key = labels.get("verb") + " " + labels.get("resource") + (subresource.isEmpty() ? "" : "/" + subresource);
            counts.merge(key, (long) Double.parseDouble(m.group(2)), Long::sum);
        }
        return new ApiServerRequests(Map.copyOf(counts));
    }

    ApiServerRequests since(ApiServerRequests earlier) {
        Map<String, Long> delta = new HashMap<>();
        counts.forEach((k, v) -> {
            long d = v - earlier.counts.getOrDefault(k, 0L);
            if (d != 0) {
                delta.put(k, d);
            }
        });
        return new ApiServerRequests(Map.copyOf(delta));
    }

    long get(String verb, String resource) {
        return counts.getOrDefault(verb + " " + resource, 0L);
    }

    /** Writes to the status subresource of {@code resource}. */
    long statusWrites(String resource) {
        return get("PATCH", resource + "/status") + get("PUT", resource + "/status") + get("APPLY", resource + "/status");
    }

    /** Writes to the object itself other than create and delete: finalizers, annotations, labels. */
    long objectWrites(String resource) {
        return get("PATCH", resource) + get("PUT", resource) + get("APPLY", resource);
    }

    long eventWrites() {
        return get("POST", "events") + get("PATCH", "events") + get("PUT", "events");
    }

    long allWrites() {
        return counts.entrySet().stream().filter(e -> isWrite(e.getKey())).mapToLong(Map.Entry::getValue).sum();
    }

    long reads() {
        return counts.entrySet().stream().filter(e -> e.getKey().startsWith("GET ") || e.getKey().startsWith("LIST "))
                .mapToLong(Map.Entry::getValue).sum();
    }

    private static boolean isWrite(String key) {
        return key.startsWith("POST ") || key.startsWith("PUT ") || key.startsWith("PATCH ") || key.startsWith("APPLY ")
                || key.startsWith("DELETE ") || key.startsWith("DELETECOLLECTION ");
    }
}
