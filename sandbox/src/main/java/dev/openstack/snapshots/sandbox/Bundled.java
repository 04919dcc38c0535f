package dev.openstack.snapshots.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The files the build copies into the sandbox (crds/ and examples/ of the repository), read alike from
 * target/classes and from inside sandbox.jar.
 */
final class Bundled {

    private Bundled() {
    }

    /** Every file of the bundled directory ("crds" or "examples") as (file name, text), sorted by name. */
    static List<Map.Entry<String, String>> files(String directory) {
        String resource = "sandbox/" + directory;
        URL url = Bundled.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new IllegalStateException(resource + " is not on the classpath; build with `mvn -pl sandbox -am package`");
        }
        try {
            URI uri = url.toURI();
            if (uri.getScheme().equals("jar")) {
                return read(jarFileSystem(uri).getPath("/" + resource));
            }
            return read(Path.of(uri));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FileSystem jarFileSystem(URI uri) throws IOException {
        try {
            return FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
            return FileSystems.getFileSystem(uri);
        }
    }

    private static List<Map.Entry<String, String>> read(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml")).sorted()
                    .map(p -> Map.entry(p.getFileName().toString(), text(p))).toList();
        }
    }

    private static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
