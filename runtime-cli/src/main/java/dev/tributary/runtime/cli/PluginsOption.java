package dev.tributary.runtime.cli;

import dev.tributary.runtime.Tributary;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options that choose plugins — {@code --plugins DIR} (repeatable), {@code --strict} — together with
 * {@code --home}, and the {@link Tributary} they describe.
 *
 * <p>Without {@code --plugins}, the distribution's own {@code plugins/} folder is used (the launcher passes it as
 * system property {@value #DISTRIBUTION_PLUGINS}), else {@code <home>/plugins} if it exists.
 */
final class PluginsOption {

    /** The system property through which {@code bin/tributary} names the distribution's plugins folder. */
    static final String DISTRIBUTION_PLUGINS = "tributary.distribution.plugins";

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Mixin
    HomeOption home;

    @Option(names = "--plugins", paramLabel = "DIR",
            description = "Plugins folder; repeat for several (default: the distribution's plugins/, "
                    + "else <home>/plugins).")
    List<Path> folders = new ArrayList<>();

    @Option(names = "--strict", description = "Fail if any plugin is broken instead of skipping it.")
    boolean strict;

    /** Where the runtime reads environment variables; {@link CommandFactory} sets it, tests replace it. */
    UnaryOperator<String> environment = System::getenv;

    /**
     * Builds the runtime.
     *
     * @throws ParameterException when a plugins folder does not exist (exit code 2)
     */
    Tributary open() {
        return builder().build();
    }

    /**
     * The builder for the runtime these options describe, for commands that configure more (such as the store).
     *
     * @throws ParameterException when a plugins folder does not exist or cannot be read (exit code 2)
     */
    Tributary.Builder builder() {
        List<Path> chosen = new ArrayList<>(folders);
        String distribution = System.getProperty(DISTRIBUTION_PLUGINS);
        if (chosen.isEmpty() && distribution != null && !distribution.isBlank()) {
            chosen.add(Path.of(distribution));
        }
        Tributary.Builder builder = Tributary.builder().home(home.home()).strict(strict).environment(environment);
        for (Path folder : chosen) {
            if (!Files.isDirectory(folder)) {
                throw new ParameterException(spec.commandLine(),
                        "plugins folder " + folder + " does not exist or is not a folder");
            }
            requireListable(folder);
            builder.pluginsDir(folder);
        }
        return builder;
    }

    private void requireListable(Path folder) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            entries.iterator().hasNext();
        } catch (IOException | DirectoryIteratorException e) {
            throw new ParameterException(spec.commandLine(), "plugins folder " + folder + " cannot be read ("
                    + e.getClass().getSimpleName() + "); give the user running Tributary read access to it");
        }
    }
}
