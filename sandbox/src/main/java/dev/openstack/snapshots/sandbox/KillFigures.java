package dev.openstack.snapshots.sandbox;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * What one kill campaign phase measured: how much it killed and did, what was sent to Cinder, and what Cinder held
 * once the operator had settled. {@code duplicates}, {@code leaks} and {@code lost} must all be 0.
 *
 * @param phase "one process" or "two processes"
 * @param kills operator processes ended by SIGKILL (each proven by its exit status 137)
 * @param killsBeforeStarted of those, how many came before the operator had logged that it runs
 * @param medianStartupMillis from process spawn to the operator's "started" line, median (the machine's load shows here)
 * @param crashes operator processes that exited by themselves (restarted, as a Deployment would)
 * @param workload objects created and deleted
 * @param snapshotCreatesSent POST /snapshots that reached Cinder
 * @param volumeCreatesSent POST /volumes that reached Cinder (restorations)
 * @param liveSnapshots OpenStackSnapshots left at the end
 * @param liveRestorations SnapshotRestorations left at the end
 * @param duplicates Cinder snapshots or volumes beyond the first one of a live object
 * @param leaks Cinder snapshots or volumes of objects that are gone (deleted, expired), or owned by nobody we know
 * @param lost live objects that should own a Cinder snapshot or volume and have none
 * @param everDuplicated objects that at some sample (every second) owned more than one Cinder snapshot or volume
 * @param settled whether everything reached a stable end state before the deadline
 * @param findings one line per problem found
 * @param wallTime from the first operator start to the end of the audit
 */
record KillFigures(String phase, int kills, int killsBeforeStarted, int medianStartupMillis, int crashes, KillWorkload.Counts workload, long snapshotCreatesSent,
        long volumeCreatesSent, int liveSnapshots, int liveRestorations, int duplicates, int leaks, int lost,
        int everDuplicated, boolean settled, List<String> findings, Duration wallTime) {

    boolean clean() {
        return settled && duplicates == 0 && leaks == 0 && lost == 0;
    }

    void print(PrintStream out) {
        KillWorkload.Counts w = workload;
        out.printf("%s: kills %d (%d before the operator had started; median start-up %d ms), crashes %d, wall time %d s%n",
                phase, kills, killsBeforeStarted, medianStartupMillis, crashes, wallTime.toSeconds());
        out.printf("  objects: %d snapshots created (%d expiring), %d deleted; %d restorations created, %d deleted%n",
                w.snapshots(), w.expiring(), w.snapshotDeletes(), w.restorations(), w.restorationDeletes());
        out.printf("  Cinder creates sent: %d snapshot, %d volume%n", snapshotCreatesSent, volumeCreatesSent);
        out.printf("  at the end: %d live snapshots, %d live restorations; settled %s%n", liveSnapshots, liveRestorations,
                settled ? "yes" : "NO");
        out.printf("  duplicates %d, leaks %d, lost %d (objects ever duplicated during the run: %d)%n", duplicates, leaks, lost,
                everDuplicated);
        findings.stream().limit(25).forEach(f -> out.println("    " + f));
        if (findings.size() > 25) {
            out.println("    ... and " + (findings.size() - 25) + " more");
        }
    }
}
