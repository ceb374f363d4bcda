package dev.tributary.runtime.plugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the plugins in a plugins folder without opening any jar: each {@code *.jar} directly in the folder is one
 * plugin, each sub-folder is one plugin made of every jar beneath it. Hidden entries (names starting with a dot) and
 * other files are ignored. Results are sorted by name, which makes the discovery order — and so the winner among
 * duplicate connector ids — deterministic. Stateless and thread-safe.
 */
final class PluginScanner {

    /**
     * Lists the plugins in {@code folder}.
     *
     * @throws UncheckedIOException when the folder cannot be listed
     */
    List<PluginLocation> scan(Path folder) {
        List<PluginLocation> plugins = new ArrayList<>();
        try (Stream<Path> children = Files.list(folder)) {
            for (Path child : children.sorted(Comparator.comparing(p -> p.getFileName().toString())).toList()) {
                String name = child.getFileName().toString();
                if (name.startsWith(".")) {
                    continue;
                }
                if (Files.isDirectory(child)) {
                    plugins.add(new PluginLocation(child, PluginLocation.Kind.FOLDER, jarsUnder(child)));
                } else if (isJar(child) && Files.isRegularFile(child)) {
                    plugins.add(new PluginLocation(child, PluginLocation.Kind.JAR, List.of(child)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list plugins folder " + folder, e);
        }
        return plugins;
    }

    /**
     * A value that changes when any of the plugin's files is added, removed, resized or touched; used to notice that
     * a plugin must be reloaded.
     */
    static String fingerprint(PluginLocation location) {
        StringBuilder text = new StringBuilder();
        for (Path jar : location.jars()) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(jar, BasicFileAttributes.class);
                text.append(jar).append(':').append(attributes.size()).append(':')
                        .append(attributes.lastModifiedTime().toMillis()).append(';');
            } catch (IOException e) {
                text.append(jar).append(":gone;");
            }
        }
        return text.toString();
    }

    private static List<Path> jarsUnder(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(PluginScanner::isJar)
                    .filter(Files::isRegularFile)
                    .filter(p -> !folder.relativize(p).toString().startsWith("."))
                    .sorted()
                    .toList();
        }
    }

    private static boolean isJar(Path path) {
        return path.getFileName().toString().endsWith(".jar");
    }
}
