package dev.tributary.runtime.plugin;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Where a plugin comes from: one jar in a plugins folder, a sub-folder of jars, or the application class path.
 *
 * @param path the jar or folder; for the class path, the jar or classes directory holding the service entry
 * @param kind how the plugin is packaged
 * @param jars the jars (or, for the class path, the directory) making up the plugin, sorted; empty for a folder
 *     without jars
 */
public record PluginLocation(Path path, Kind kind, List<Path> jars) {

    /** How a plugin is packaged. */
    public enum Kind {
        /** A single {@code *.jar} directly in a plugins folder. */
        JAR,
        /** A sub-folder of a plugins folder; every jar inside belongs to the plugin. */
        FOLDER,
        /** Found on the application class path (an embedding application's own connectors). */
        CLASSPATH
    }

    public PluginLocation {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        jars = List.copyOf(jars);
    }

    /** The file or folder name, used to name the plugin in listings. */
    public String name() {
        Path fileName = path.getFileName();
        return fileName == null ? path.toString() : fileName.toString();
    }

    /** The path followed by {@code (classpath)} for class-path plugins. */
    @Override
    public String toString() {
        return kind == Kind.CLASSPATH ? path + " (classpath)" : path.toString();
    }
}
