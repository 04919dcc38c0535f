package dev.openstack.snapshots.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Without a Docker daemon in the build: the Dockerfile builds from sources the build context really contains (a
 * .dockerignore that hides a COPY source breaks `docker build .` on a clean checkout), copies every reactor module's
 * pom, and runs as the user the Deployment's securityContext expects, as does the Jib profile.
 */
class DockerfileTest {

    private static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();

    @Test
    void multiStageBuildFromSourcesThenAJreRunningAsTheDeploymentsUser() throws IOException {
        List<String> lines = instructions();
        List<String> froms = lines.stream().filter(l -> l.startsWith("FROM ")).toList();
        assertEquals(2, froms.size(), "a build stage and a runtime stage: " + froms);
        assertTrue(froms.get(0).matches("FROM maven:\\S+ AS build"), froms.get(0));
        assertTrue(froms.get(1).matches("FROM \\S+-jre\\S*"), "a JRE, not a JDK, at run time: " + froms.get(1));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("RUN ") && l.contains("mvn") && l.contains("package")),
                "the build stage builds the jar itself");
        String user = lines.stream().filter(l -> l.startsWith("USER ")).reduce((a, b) -> b).orElseThrow().substring(5).trim();

        JsonNode pod = new YAMLMapper().readTree(ROOT.resolve("config/manager/deployment.yaml").toFile())
                .path("spec").path("template").path("spec");
        JsonNode security = pod.path("securityContext");
        assertTrue(security.path("runAsNonRoot").asBoolean());
        assertEquals(security.path("runAsUser").asText() + ":" + security.path("runAsGroup").asText(), user,
                "the image's USER is the Deployment's runAsUser:runAsGroup");
        JsonNode container = pod.path("containers").get(0);
        assertTrue(container.path("securityContext").path("readOnlyRootFilesystem").asBoolean());
        assertTrue(container.path("volumeMounts").toString().contains("\"/tmp\""), "the JVM's only writable path is an emptyDir");

        String pom = Files.readString(ROOT.resolve("operator/pom.xml"));
        Matcher jibUser = Pattern.compile("<user>([^<]+)</user>").matcher(pom);
        assertTrue(jibUser.find(), "the jib profile sets the user");
        assertEquals(user, jibUser.group(1), "Jib builds the same user as the Dockerfile");
    }

    @Test
    void everyCopySourceExistsAndIsInTheBuildContext() throws IOException {
        List<String> ignored = Files.readAllLines(ROOT.resolve(".dockerignore")).stream().map(String::trim)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        List<String> sources = new ArrayList<>();
        for (String line : instructions()) {
            if (line.startsWith("COPY ") && !line.contains("--from=")) {
                String[] parts = line.substring(5).trim().split("\\s+");
                sources.addAll(List.of(parts).subList(0, parts.length - 1));
            }
        }
        assertFalse(sources.isEmpty());
        for (String source : sources) {
            assertTrue(Files.exists(ROOT.resolve(source)), "COPY " + source + ": no such file in the repository");
            assertFalse(excluded(source, ignored), "COPY " + source + " is excluded by .dockerignore");
        }
        Matcher modules = Pattern.compile("<module>([^<]+)</module>").matcher(Files.readString(ROOT.resolve("pom.xml")));
        while (modules.find()) {
            String modulePom = modules.group(1) + "/pom.xml";
            assertTrue(sources.contains(modulePom), "the reactor reads " + modulePom + ": the Dockerfile must copy it");
        }
        assertTrue(excluded("operator/target/classes", ignored), "build output stays out of the context");
        assertTrue(excluded(".git/HEAD", ignored));
    }

    /** Docker's .dockerignore matching, as far as our patterns use it: globs, `**` and a directory hiding its content. */
    static boolean excluded(String path, List<String> patterns) {
        boolean excluded = false;
        for (String pattern : patterns) {
            boolean negate = pattern.startsWith("!");
            String glob = negate ? pattern.substring(1) : pattern;
            if (matches(path, glob) || (glob.startsWith("**/") && matches(path, glob.substring(3)))) {
                excluded = !negate;
            }
        }
        return excluded;
    }

    private static boolean matches(String path, String glob) {
        var matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        for (Path p = Path.of(path); p != null; p = p.getParent()) {
            if (matcher.matches(p)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> instructions() throws IOException {
        return Files.readAllLines(ROOT.resolve("Dockerfile")).stream().map(String::trim)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }
}
