package dev.openstack.snapshots.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.openstack.snapshots.e2e.cluster.Commands;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * e2e/kubernetes-on-loopback.sh fails with one line naming the missing piece: no Go on PATH, a module the Go module
 * proxy will not serve (here GOPROXY=off with an empty module cache: nothing can be fetched), a port in use. Each run
 * has a state dir, a binary cache and ports of its own, so it never touches a control plane that is running.
 */
class KubernetesOnLoopbackScriptIT {

    private static final Path REPOSITORY = Paths.get(System.getProperty("e2e.repository", "..")).toAbsolutePath().normalize();
    private static final Path SCRIPT = REPOSITORY.resolve("e2e/kubernetes-on-loopback.sh");
    private static final Path MODULES = REPOSITORY.resolve("e2e/kubernetes");

    @TempDir
    Path temp;

    @Test
    void withoutGoTheBuildFailsWithOneLineSayingSo() throws IOException {
        String goVersion = Files.readAllLines(MODULES.resolve("go.mod")).stream().filter(l -> l.startsWith("go "))
                .findFirst().orElseThrow().substring(3).trim();
        String path = Arrays.stream(System.getenv("PATH").split(File.pathSeparator))
                .filter(dir -> !Files.isExecutable(Paths.get(dir, "go"))).collect(Collectors.joining(File.pathSeparator));
        Commands.Result result = script(Map.of("PATH", path), "build");

        assertEquals(1, result.exitCode(), result.stderr());
        assertEquals("ERROR: no Go toolchain on PATH: install Go >= " + goVersion + " (the binaries are built from Go modules)",
                theOneError(result));
    }

    @Test
    void aModuleTheProxyWillNotServeIsNamedInTheOneLine() throws IOException {
        assumeTrue(onPath("go"), "needs Go on PATH");
        Path emptyModuleCache = Files.createDirectories(temp.resolve("gomodcache"));
        Commands.Result result = script(Map.of("GOPROXY", "off", "GOMODCACHE", emptyModuleCache.toString()), "build");

        assertEquals(1, result.exitCode(), result.stderr());
        String error = theOneError(result);
        assertTrue(error.matches("ERROR: the Go module proxy \\(off\\) did not serve [^ ]+@v[^ ]+: module lookup disabled by "
                + "GOPROXY=off \\(pinned in " + MODULES + "/go\\.mod\\)"), error);
        assertFalse(Files.exists(temp.resolve("cache")) && hasBinaries(temp.resolve("cache")), "nothing was built");
    }

    @Test
    void aPortInUseIsNamedWithTheComponentThatNeedsIt() throws IOException {
        assumeTrue(onPath("ss") && onPath("openssl"), "needs ss and openssl");
        fakeBinaries();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Commands.Result result = script(Map.of("KOL_ETCD_PORT", Integer.toString(taken.getLocalPort())), "start");

            assertEquals(1, result.exitCode(), result.stderr());
            assertEquals("ERROR: port " + taken.getLocalPort() + " is in use by a process this script did not start "
                    + "(needed by etcd); choose another with KOL_*_PORT", theOneError(result));
            assertFalse(Files.exists(temp.resolve("state/run/etcd.pid")), "nothing was started");
        }
    }

    /** Runs the script with a state dir, binary cache and ports of this test's own, plus {@code environment}. */
    private Commands.Result script(Map<String, String> environment, String command) {
        Map<String, String> env = new HashMap<>(Map.of(
                "KOL_STATE", temp.resolve("state").toString(),
                "KOL_CACHE", temp.resolve("cache").toString(),
                "KOL_API_PORT", Integer.toString(freePort()),
                "KOL_ETCD_PORT", Integer.toString(freePort()),
                "KOL_ETCD_PEER_PORT", Integer.toString(freePort()),
                "KOL_KCM_PORT", Integer.toString(freePort())));
        env.putAll(environment);
        return Commands.run(List.of("bash", SCRIPT.toString(), command), env, null, Duration.ofMinutes(2));
    }

    /** The script's error: exactly one line says ERROR, and it is the last; returned without its timestamp. */
    private static String theOneError(Commands.Result result) {
        List<String> lines = result.stderr().lines().filter(l -> !l.isBlank()).toList();
        List<String> errors = lines.stream().filter(l -> l.contains("ERROR")).toList();
        assertEquals(1, errors.size(), "one ERROR line: " + result.stderr());
        assertEquals(errors.get(0), lines.get(lines.size() - 1), "the ERROR line is the last: " + result.stderr());
        return errors.get(0).replaceFirst("^\\[ *[0-9.]+s\\] ", "");
    }

    /**
     * Stand-ins for the built binaries where the script looks for them: {@code $KOL_CACHE/<pins hash>/bin}, the hash
     * being the script's pins_hash (the first 16 hex digits of the SHA-256 of the control plane's and kustomize's
     * go.mod and go.sum), and helm's pins in {@code helm.pins}. They are never run: the port check comes first.
     */
    private void fakeBinaries() throws IOException {
        Path bin = temp.resolve("cache").resolve(pins("go.mod", "go.sum", "kustomize/go.mod", "kustomize/go.sum")).resolve("bin");
        Files.createDirectories(bin);
        for (String tool : List.of("etcd", "kube-apiserver", "kube-controller-manager", "kubectl", "kustomize", "helm")) {
            Path file = bin.resolve(tool);
            Files.writeString(file, "#!/bin/sh\necho 'not a real " + tool + "' >&2\nexit 1\n");
            assertTrue(file.toFile().setExecutable(true));
        }
        Files.writeString(bin.resolve("helm.pins"), pins("helm/go.mod", "helm/go.sum") + "\n");
    }

    private static String pins(String... files) throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String file : files) {
                sha.update(Files.readAllBytes(MODULES.resolve(file)));
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean hasBinaries(Path cache) throws IOException {
        try (var files = Files.walk(cache)) {
            return files.anyMatch(f -> f.getFileName().toString().equals("kube-apiserver"));
        }
    }

    private static boolean onPath(String tool) {
        return Arrays.stream(System.getenv("PATH").split(File.pathSeparator)).anyMatch(d -> Files.isExecutable(Paths.get(d, tool)));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
