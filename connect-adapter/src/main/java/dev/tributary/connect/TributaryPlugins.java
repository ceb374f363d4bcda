package dev.tributary.connect;

import dev.tributary.runtime.Tributary;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.List;
import java.util.Optional;

/**
 * Opens the Tributary runtime inside a Kafka Connect plugin: the bundled plugins folder (the {@code plugins/} next
 * to the {@code lib/} holding this adapter's jar) plus any folders of {@code tributary.plugins.path}, each Tributary
 * plugin in its own class loader, nothing from the class path.
 */
final class TributaryPlugins {

    private TributaryPlugins() {
    }

    /**
     * A runtime over the bundled plugins and the given folders.
     *
     * @throws IllegalArgumentException when a folder given does not exist
     */
    static Tributary open(List<Path> extraFolders) {
        Tributary.Builder builder = Tributary.builder()
                .home(Path.of(System.getProperty("java.io.tmpdir"), "tributary-connect"))
                .classpathDiscovery(false);
        bundledFolder().ifPresent(builder::pluginsDir);
        extraFolders.forEach(builder::pluginsDir);
        return builder.build();
    }

    /** The {@code plugins/} folder of the Connect plugin this class was loaded from, when it has one. */
    static Optional<Path> bundledFolder() {
        CodeSource source = TributaryPlugins.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return Optional.empty();
        }
        try {
            Path jar = Path.of(source.getLocation().toURI());
            Path lib = jar.getParent();
            Path plugins = lib == null || lib.getParent() == null ? null : lib.getParent().resolve("plugins");
            return plugins != null && Files.isDirectory(plugins) ? Optional.of(plugins) : Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
