package dev.openstack.snapshots.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One OS process whose CPU time the benchmark reports: user + system time from {@code /proc/PID/stat} (Linux), in
 * clock ticks of 10 ms (the USER_HZ of every Linux the JDK runs on).
 *
 * @param role what the process is in the run (operator, kube-apiserver, ...)
 * @param pid its process id
 */
record ProcessCpu(String role, long pid) {

    private static final double SECONDS_PER_TICK = 0.01;

    /** CPU seconds used so far, or NaN when /proc cannot tell (not Linux, process gone). */
    double cpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the command name, which is in parentheses and may contain spaces: utime and stime are 14 and 15.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * SECONDS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /**
     * CPU seconds of this process's live threads whose name passes {@code name} (from /proc/PID/task/TID/comm): e.g.
     * the JIT compiler's or the garbage collector's, the fixed costs of a JVM that a short run does not amortise. A
     * thread that has ended is not counted.
     */
    double cpuSecondsOfThreads(java.util.function.Predicate<String> name) {
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            return tasks.mapToDouble(task -> {
                try {
                    if (!name.test(Files.readString(task.resolve("comm")).trim())) {
                        return 0;
                    }
                    String stat = Files.readString(task.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * SECONDS_PER_TICK;
                } catch (IOException | RuntimeException e) {
                    return 0; // the thread ended meanwhile
                }
            }).sum();
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Resident memory in MiB from /proc/PID/status, or -1. */
    long residentMiB() {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                    .filter(line -> line.startsWith("VmRSS:")).findFirst()
                    .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024).orElse(-1L);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
