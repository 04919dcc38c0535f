package dev.openstack.snapshots.operator.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.openstack.snapshots.operator.MonitoredOperator;
import dev.openstack.snapshots.operator.api.CloudCredentialsRef;
import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotSchedule;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotScheduleSpec;
import dev.openstack.snapshots.operator.api.Retention;
import dev.openstack.snapshots.operator.api.SnapshotState;
import dev.openstack.snapshots.operator.api.SourceVolume;
import dev.openstack.snapshots.operator.testing.OperatorHarness;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scrapes /metrics of the operator wired as the main wires it ({@link MonitoredOperator}), after it handled a
 * snapshot and a schedule, and checks that every metric the shipped alert rules and the Grafana dashboard query is
 * there: a renamed meter, a typo in a rule or a dashboard panel on a metric that never existed fails here instead of
 * showing "No data" in production.
 */
class MetricsEndpointIT {

    /** Series that Prometheus makes itself, not the operator. */
    private static final Set<String> FROM_PROMETHEUS = Set.of("up");
    private static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();

    private static OperatorHarness h;
    private static MonitoredOperator operator;
    private static Set<String> exposed;
    private static String scraped;

    @BeforeAll
    static void scrapeAfterSomeWork() throws Exception {
        h = OperatorHarness.startWithKinds(OpenStackSnapshotSchedule.class);
        h.stopOperator();
        operator = MonitoredOperator.start(h.client(), OperatorHarness.TEST_SETTINGS, h.clock(), Optional.empty(), 0);
        String ns = h.newNamespace();
        String volume = h.admin().createVolume("data", 1);
        h.create(h.snapshotOf(ns, "s1", volume));
        h.awaitState(ns, "s1", SnapshotState.OK);
        h.client().resource(schedule(ns, volume)).create();
        // a cloud that does not answer: transient errors, failed reconciliations and their retries
        String unreachable = h.newNamespace();
        h.client().secrets().inNamespace(unreachable).resource(new SecretBuilder().withNewMetadata().withName("unreachable")
                .endMetadata().addToStringData("clouds.yaml", h.cloudsYaml(OperatorHarness.CLOUD, "x")
                        .replace(h.simulator().authUrl(), "http://127.0.0.1:1/v3")).build()).create();
        OpenStackSnapshot stuck = h.snapshotOf(unreachable, "s2", volume);
        stuck.getSpec().setCloudCredentialsRef(new CloudCredentialsRef("unreachable", OperatorHarness.CLOUD));
        h.create(stuck);
        // The GC meters appear with the first collection after the binder started; a busy test JVM may not have had one.
        System.gc();
        OperatorHarness.waiting().until(() -> {
            String text = scrape();
            return text.contains("openstack_snapshot_operator_schedule_interval_seconds{")
                    && text.contains("openstack_snapshot_operator_objects_transient_error{")
                    && text.contains("operator_sdk_reconciliations_failed_total{")
                    && text.contains("jvm_gc_pause_seconds_count{");
        });
        scraped = scrape();
        Files.writeString(Path.of("target", "metrics-scrape.txt"), scraped);
        exposed = names(scraped);
    }

    @AfterAll
    static void stop() {
        if (operator != null) {
            operator.close();
        }
        if (h != null) {
            h.close();
        }
    }

    @Test
    void everyMetricTheAlertRulesReadIsExposed() throws IOException {
        Map<String, Set<String>> missing = new TreeMap<>();
        for (JsonNode group : new YAMLMapper().readTree(ROOT.resolve("config/prometheus/prometheus-rules.yaml").toFile())
                .path("spec").path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                missing(rule.path("alert").asText(), rule.path("expr").asText(), missing);
            }
        }
        assertTrue(missing.isEmpty(), "rules read metrics /metrics does not expose: " + missing + "\nexposed: " + exposed);
    }

    @Test
    void everyMetricTheDashboardQueriesIsExposed() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(ROOT.resolve("config/grafana/openstack-snapshot-operator.json").toFile());
        Map<String, Set<String>> missing = new TreeMap<>();
        int queries = 0;
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                missing(panel.path("title").asText(), target.path("expr").asText(), missing);
                queries++;
            }
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            Matcher m = Pattern.compile("label_values\\((\\w+)")
                    .matcher(variable.path("definition").asText());
            while (m.find()) {
                missing("variable " + variable.path("name").asText(), m.group(1), missing);
                queries++;
            }
        }
        assertTrue(queries > 0, "the dashboard has queries");
        assertTrue(missing.isEmpty(), "panels query metrics /metrics does not expose: " + missing + "\nexposed: " + exposed);
    }

    @Test
    void processAndCinderMetersAreThere() {
        for (String name : Set.of("jvm_memory_used_bytes", "jvm_gc_pause_seconds_count", "jvm_threads_live_threads",
                "process_cpu_usage", "process_uptime_seconds", "openstack_snapshot_operator_cinder_calls_seconds_count",
                "openstack_snapshot_operator_transitions_total",
                "openstack_snapshot_operator_schedule_last_success_timestamp_seconds")) {
            assertTrue(exposed.contains(name), name + " missing from " + exposed);
        }
    }

    @Test
    void cinderCallsAreCountedByOperationWithTheSimulatorsNamesAndNoIds() {
        Set<String> operations = new TreeSet<>();
        Matcher sample = Pattern.compile("^openstack_snapshot_operator_cinder_calls_seconds_count\\{([^}]*)}",
                Pattern.MULTILINE).matcher(scraped);
        while (sample.find()) {
            Matcher operation = Pattern.compile("operation=\"([^\"]*)\"").matcher(sample.group(1));
            assertTrue(operation.find(), "no operation label: " + sample.group());
            operations.add(operation.group(1));
        }
        // a snapshot made (its source read, the owner-tag lookup, the create) and watched by the poller's listings
        assertTrue(operations.containsAll(Set.of("snapshot.create", "snapshot.list", "volume.get")), operations.toString());
        assertTrue(operations.stream().allMatch(o -> o.matches("(snapshot|volume)\\.[a-z]+")), operations.toString());
    }

    private void missing(String where, String expr, Map<String, Set<String>> missing) {
        assertFalse(expr.isBlank(), where + " has no expression");
        for (String name : PromQlMetricNames.of(expr)) {
            if (!exposed.contains(name) && !FROM_PROMETHEUS.contains(name)) {
                missing.computeIfAbsent(where, k -> new TreeSet<>()).add(name);
            }
        }
    }

    private static OpenStackSnapshotSchedule schedule(String namespace, String volume) {
        OpenStackSnapshotScheduleSpec spec = new OpenStackSnapshotScheduleSpec();
        spec.setCloudCredentialsRef(new CloudCredentialsRef(OperatorHarness.SECRET, OperatorHarness.CLOUD));
        spec.setSourceVolume(SourceVolume.byId(volume));
        spec.setSchedule("0 3 * * *");
        spec.setRetention(new Retention("168h", null));
        OpenStackSnapshotSchedule schedule = new OpenStackSnapshotSchedule();
        schedule.getMetadata().setNamespace(namespace);
        schedule.getMetadata().setName("nightly");
        schedule.setSpec(spec);
        return schedule;
    }

    static String scrape() throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + operator.port() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        return response.body();
    }

    /** The metric names of a Prometheus text exposition. */
    static Set<String> names(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                names.add(line.split("[{ ]", 2)[0]);
            }
        }
        return names;
    }
}
