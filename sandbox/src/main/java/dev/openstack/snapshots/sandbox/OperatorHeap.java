package dev.openstack.snapshots.sandbox;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live heap of another JVM, as jcmd (next to this JVM's java) reports it after asking that JVM for a full GC:
 * what the objects the operator holds really take, not what the collector has yet to reclaim.
 */
final class OperatorHeap {

    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    private OperatorHeap() {
    }

    /** "N MiB", or why it could not be read. */
    static String afterFullGc(long pid) {
        try {
            Jcmd.run(pid, "GC.run");
            Matcher m = USED.matcher(Jcmd.run(pid, "GC.heap_info"));
            return m.find() ? (Long.parseLong(m.group(1)) >> 10) + " MiB" : "unknown (no 'used' in GC.heap_info)";
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    /** Threads the JVM has started since it began (its java.threads.started counter), or -1. */
    static long threadsStarted(long pid) {
        try {
            Matcher m = Pattern.compile("java.threads.started=(\\d+)").matcher(Jcmd.run(pid, "PerfCounter.print"));
            return m.find() ? Long.parseLong(m.group(1)) : -1;
        } catch (IOException e) {
            return -1;
        }
    }
}
