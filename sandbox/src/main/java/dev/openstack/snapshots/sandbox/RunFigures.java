package dev.openstack.snapshots.sandbox;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Collection;

/**
 * How one way of getting N snapshots to OK did: wall time from the first request until all were OK and the spread of
 * each one's own time to OK.
 *
 * @param label the row's name (operator, direct, api-floor)
 * @param n objects
 * @param allOkSeconds first request until the last object was OK
 * @param toOkMillis each object's time from its create to OK, sorted
 */
record RunFigures(String label, int n, double allOkSeconds, double[] toOkMillis) {

    static RunFigures of(String label, double allOkSeconds, Collection<Double> toOkMillis) {
        double[] sorted = toOkMillis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new RunFigures(label, sorted.length, allOkSeconds, sorted);
    }

    double throughput() {
        return n / allOkSeconds;
    }

    double percentile(int p) {
        return toOkMillis[Math.min(toOkMillis.length - 1, Math.max(0, (int) Math.ceil(p / 100.0 * toOkMillis.length) - 1))];
    }

    double max() {
        return toOkMillis[toOkMillis.length - 1];
    }

    /** The physical limit of two ways: the slower of the two at every figure. */
    static RunFigures limit(RunFigures a, RunFigures b) {
        RunFigures slower = a.allOkSeconds >= b.allOkSeconds ? a : b;
        double[] worst = new double[Math.min(a.n, b.n)];
        for (int i = 0; i < worst.length; i++) {
            worst[i] = Math.max(a.toOkMillis[i], b.toOkMillis[i]);
        }
        return new RunFigures("limit (slower of " + a.label + ", " + b.label + ")", worst.length, slower.allOkSeconds, worst);
    }

    static void printTable(PrintStream out, RunFigures operator, RunFigures... others) {
        out.printf("%-38s %10s %12s %9s %9s %9s %9s%n", "N = " + operator.n, "all OK (s)", "throughput/s", "p50 (ms)",
                "p90", "p99", "max");
        for (RunFigures r : concat(operator, others)) {
            out.printf("%-38s %10.1f %12.1f %9.0f %9.0f %9.0f %9.0f%n", r.label, r.allOkSeconds, r.throughput(),
                    r.percentile(50), r.percentile(90), r.percentile(99), r.max());
        }
    }

    private static RunFigures[] concat(RunFigures first, RunFigures... rest) {
        RunFigures[] all = Arrays.copyOf(new RunFigures[] {first}, rest.length + 1);
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
