package dev.tributary.runtime.plugin;

import java.nio.file.Path;
import java.util.List;

/** Opens registries over test folders with the test class path as application class loader. */
final class Registries {

    private Registries() {
    }

    /** A lenient, unwatched registry over {@code folders}, without class-path discovery. */
    static PluginRegistry open(Path... folders) {
        return PluginRegistry.open(options(false, false, folders));
    }

    static PluginOptions options(boolean strict, boolean watch, Path... folders) {
        return new PluginOptions(List.of(folders), Registries.class.getClassLoader(), false, strict, watch);
    }
}
