package dev.openstack.snapshots.sandbox;

import dev.openstack.snapshots.operator.cinder.openstack.CinderCallMetrics;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operator's own count of its Cinder calls, read from its /metrics ({@code
 * openstack_snapshot_operator_cinder_calls_seconds_count{cloud, operation, outcome}}): what a real cloud's calls can be
 * counted by, since real Cinder has no request counters to ask. One count per call of the operator's Cinder port:
 * answered calls by operation, with the simulator's counter names, and failed ones by outcome.
 */
final class OperatorCinderCalls {

    private static final Pattern SAMPLE = Pattern.compile(
            "^" + CinderCallMetrics.NAME + "_seconds_count\\{([^}]*)}\\s+(\\S+)", Pattern.MULTILINE);
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private OperatorCinderCalls() {
    }

    /**
     * Calls to {@code cloud}: answered ones by operation ({@code snapshot.create}, ...), failed ones by outcome
     * ({@code terminal}, {@code transient}); empty before the first.
     */
    static Map<String, Long> of(String metrics, String cloud) {
        Map<String, Long> calls = new TreeMap<>();
        Matcher sample = SAMPLE.matcher(metrics);
        while (sample.find()) {
            Map<String, String> labels = new HashMap<>();
            Matcher label = LABEL.matcher(sample.group(1));
            while (label.find()) {
                labels.put(label.group(1), label.group(2));
            }
            if (cloud.equals(labels.get("cloud"))) {
                String outcome = labels.getOrDefault("outcome", "?");
                String key = "ok".equals(outcome) ? labels.getOrDefault("operation", "?") : outcome;
                calls.merge(key, (long) Double.parseDouble(sample.group(2)), Long::sum);
            }
        }
        return calls;
    }
}
