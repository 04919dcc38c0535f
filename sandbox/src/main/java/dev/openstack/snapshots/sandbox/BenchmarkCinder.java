package dev.openstack.snapshots.sandbox;

import dev.openstack.snapshots.operator.testing.admin.CinderAdmin;
import java.util.List;
import java.util.Map;

/**
 * The Cinder a benchmark run works against: the simulator in this JVM or a real cloud of a clouds.yaml. It names the
 * cloud the operator's Secret carries, gives the benchmark its own plain-REST hands in that cloud (source volumes, the
 * direct limit, the check that nothing is left) and counts the operator's Cinder calls as far as that Cinder can tell.
 */
interface BenchmarkCinder {

    /** The entry of {@link #cloudsYaml()}, which the benchmark's snapshots name in their cloudCredentialsRef. */
    String cloudName();

    /** The clouds.yaml of the operator's Secret: only {@link #cloudName()}. */
    String cloudsYaml();

    /** The benchmark's own client in the cloud's project (not the operator's adapter, so it cannot hide its faults). */
    CinderAdmin admin();

    /** One line for the header: which Cinder, and how it changes state. */
    String describe();

    /** The operator's Cinder calls so far, by whatever this Cinder can tell apart (operation, or outcome). */
    Map<String, Long> calls();

    /** The keys of {@link #calls()} in the order the per-interval table shows them. */
    List<String> callColumns();

    /** What {@link #calls()} counts, for the printed figures. */
    String callsSource();

    /** A plain 1 GiB source volume, available; {@link #close()} deletes it where the cloud outlives the run. */
    default String sourceVolume(String name) {
        return admin().createVolume(name, 1);
    }

    /**
     * Makes sure the cloud's quota holds {@code snapshots}, {@code volumes} and {@code gigabytes} more at once; the
     * benchmark's simulator has no quota.
     */
    default void makeRoom(int snapshots, int volumes, int gigabytes) {
    }

    /** Gives back what the run took from the cloud; nothing for the simulator, which goes with the run. */
    default void close() {
    }
}
