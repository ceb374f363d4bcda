package dev.tributary.runtime.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --home DIR} option: the Tributary home; default {@code $TRIBUTARY_HOME}, else {@code ~/.tributary}. */
final class HomeOption {

    @Option(names = "--home", paramLabel = "DIR", defaultValue = "${env:TRIBUTARY_HOME}",
            description = "Tributary home folder (default: $TRIBUTARY_HOME, else ~/.tributary).")
    Path home;

    /** The home folder to use. */
    Path home() {
        return home != null ? home : Path.of(System.getProperty("user.home"), ".tributary");
    }
}
