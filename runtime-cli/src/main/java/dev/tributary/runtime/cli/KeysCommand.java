package dev.tributary.runtime.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tributary keys}: encryption key maintenance; without a subcommand it prints usage. */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Manage the encryption key.",
        subcommands = KeysRotateCommand.class)
final class KeysCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return CommandLine.ExitCode.USAGE;
    }
}
