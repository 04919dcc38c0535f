package dev.openstack.snapshots.sandbox;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * One operator running as its own OS process, ended only by SIGKILL: no shutdown hook, no flush, no goodbye, as a
 * node failure or an OOM kill would end it.
 */
final class OperatorProcess {

    /** The exit status of a process killed by signal 9, as the JDK reports it on Linux (128 + 9). */
    static final int KILLED_BY_SIGKILL = 137;

    /** The line Main logs once the controllers run. */
    private static final String STARTED = "operator started against";

    private final String name;
    private final Process process;
    private final long spawnedNanos = System.nanoTime();
    private volatile long startedNanos = -1;

    private OperatorProcess(String name, Process process, OperatorLaunch launch) {
        this.name = name;
        this.process = process;
        Thread copier = new Thread(() -> copyOutput(launch), name + "-output");
        copier.setDaemon(true);
        copier.start();
    }

    static OperatorProcess spawn(OperatorLaunch launch, String name) {
        ProcessBuilder builder = new ProcessBuilder(launch.command()).redirectErrorStream(true);
        builder.environment().putAll(launch.environment());
        try {
            return new OperatorProcess(name, builder.start(), launch);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + launch.command(), e);
        }
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    /** Whether Main has logged that the operator runs. */
    boolean started() {
        return startedNanos >= 0;
    }

    /** Milliseconds from spawn to the started line, or -1. */
    long startupMillis() {
        return startedNanos < 0 ? -1 : TimeUnit.NANOSECONDS.toMillis(startedNanos - spawnedNanos);
    }

    boolean alive() {
        return process.isAlive();
    }

    /**
     * Sends SIGKILL ({@link Process#destroyForcibly()} on Linux) and waits for the end. Returns true when the exit status
     * proves the signal, false when the operator had already exited by itself (see {@link #exitStatus()}); an operator
     * that was alive and did not die of the signal is a failure of the run.
     */
    boolean kill() {
        if (!process.isAlive()) {
            return false;
        }
        process.destroyForcibly();
        int status;
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new ScenarioFailure(name + " (pid " + process.pid() + ") still runs 30 s after SIGKILL");
            }
            status = process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScenarioFailure("interrupted while killing " + name);
        }
        if (status == KILLED_BY_SIGKILL) {
            return true;
        }
        if (status == 0 || status == 1) {
            return false; // it was exiting by itself just as the signal came
        }
        throw new ScenarioFailure(name + " (pid " + process.pid() + ") ended with status " + status + " after SIGKILL (expected "
                + KILLED_BY_SIGKILL + ")");
    }

    /** The exit status of an ended process. */
    int exitStatus() {
        return process.exitValue();
    }

    /** For cleanup after a failure: SIGKILL without judging the exit. */
    void destroy() {
        process.destroyForcibly();
    }

    /** SIGTERM, as a rollout stops a pod: the shutdown hook runs (and a flight recording is written); SIGKILL after 30 s. */
    void stop() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private void copyOutput(OperatorLaunch launch) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (startedNanos < 0 && line.contains(STARTED)) {
                    startedNanos = System.nanoTime();
                }
                launch.log().println(name + " " + line);
            }
        } catch (IOException e) {
            // The pipe breaks when the process is killed mid-line: nothing more to copy.
        }
    }
}
