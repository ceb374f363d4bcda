package dev.tributary.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * The test plugins the reactor builds in {@code test-plugins/} (system property {@code tributary.testPlugins}, set
 * by the runtime's Surefire configuration), and ways to install them into a test's own plugins folder.
 */
public final class TestPlugins {

    private TestPlugins() {
    }

    /** The plugin folder a test-plugin module packaged: its jar plus its dependency jars. */
    public static Path folder(String module) {
        Path folder = root().resolve(module).resolve("target/plugin").resolve(module);
        if (!Files.isDirectory(folder)) {
            throw new IllegalStateException("test plugin " + module + " is not built at " + folder
                    + "; run the runtime tests through Maven's verify phase with -am so test-plugins are packaged");
        }
        return folder;
    }

    /** The test-plugin module's own jar. */
    public static Path jar(String module) {
        return folder(module).resolve(module + ".jar");
    }

    /** The fat jar (dependencies shaded in) of a module that builds one. */
    public static Path fatJar(String module) {
        return root().resolve(module).resolve("target/fat").resolve(module + ".jar");
    }

    /** Copies the module's jar into {@code pluginsDir} as a single-jar plugin named {@code fileName}. */
    public static Path installJar(String module, Path pluginsDir, String fileName) {
        return copy(jar(module), pluginsDir.resolve(fileName));
    }

    /** Copies the module's jar into {@code pluginsDir} as a single-jar plugin. */
    public static Path installJar(String module, Path pluginsDir) {
        return installJar(module, pluginsDir, module + ".jar");
    }

    /** Copies the module's plugin folder (jar and dependencies) into {@code pluginsDir}. */
    public static Path installFolder(String module, Path pluginsDir) {
        Path target = pluginsDir.resolve(module);
        try (Stream<Path> jars = Files.list(folder(module))) {
            Files.createDirectories(target);
            for (Path jar : jars.toList()) {
                copy(jar, target.resolve(jar.getFileName().toString()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    /**
     * A jar kept in {@code compat/} as built for an earlier SPI release, e.g. {@code compatJar("spi-1.0",
     * "connector-sample-1.0.jar")}: the jars strangers already have, which this runtime must still load.
     */
    public static Path compatJar(String release, String fileName) {
        Path jar = root().getParent().resolve("compat").resolve(release).resolve(fileName);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("compatibility jar " + jar + " is missing; see compat/README.md");
        }
        return jar;
    }

    /** Copies a file, replacing the target. */
    public static Path copy(Path source, Path target) {
        try {
            return Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path root() {
        String root = System.getProperty("tributary.testPlugins");
        if (root == null) {
            throw new IllegalStateException("system property tributary.testPlugins is not set; run through Maven");
        }
        return Path.of(root).toAbsolutePath().normalize();
    }
}
