package dev.tributary.runtime.cli;

import dev.tributary.runtime.Tributary;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tributary sources}: the stored data sources; without a subcommand, lists them like {@code sources list}. */
@Command(name = "sources", mixinStandardHelpOptions = true,
        description = "Manage data sources: a connector with its configuration, settings and target databases.",
        subcommands = {SourcesListCommand.class, SourcesAddCommand.class, SourcesShowCommand.class,
                SourcesUpdateCommand.class, SourcesRemoveCommand.class})
final class SourcesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    StoreCommandOptions options;

    @Override
    public Integer call() {
        try (Tributary tributary = options.open()) {
            SourcesListCommand.print(spec.commandLine().getOut(), tributary.sources(), options.json.enabled);
        }
        return CommandLine.ExitCode.OK;
    }
}
