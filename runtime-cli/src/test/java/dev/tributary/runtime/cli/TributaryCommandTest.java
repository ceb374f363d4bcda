package dev.tributary.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TributaryCommandTest {

    @TempDir
    Path home;

    @Test
    void printsTheVersionAndSpiVersion() {
        Cli cli = Cli.run("--version");

        assertThat(cli.exitCode()).isZero();
        assertThat(cli.out()).matches("tributary \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(connector SPI "
                + java.util.regex.Pattern.quote(dev.tributary.spi.SpiVersion.CURRENT) + "\\)\\R");
    }

    @Test
    void helpListsTheCommands() {
        Cli cli = Cli.run("--help");

        assertThat(cli.exitCode()).isZero();
        assertThat(cli.out()).contains("Usage: tributary").contains("plugins").contains("connectors");
    }

    @Test
    void withoutACommandPrintsUsageAndExitsWithTheUsageCode() {
        Cli cli = Cli.run();

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.out()).contains("Usage: tributary");
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        Cli cli = Cli.run("plugins", "--frobnicate");

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("Unknown option: '--frobnicate'");
    }

    @Test
    void aPluginsFolderThatDoesNotExistIsAUsageError() {
        Cli cli = Cli.run("connectors", "--home", home.toString(), "--plugins", home.resolve("nope").toString());

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("plugins folder " + home.resolve("nope") + " does not exist");
        assertThat(cli.out()).isEmpty();
    }
}
